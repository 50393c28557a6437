package io.dispatchapy.model.dev;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dispatchapy.model.mapping.JsonPaths;

/**
 * Evaluates dev rules with the seed's semantics: every rule looks at the payload before any override; later rules win
 * within a set and the endpoint's set wins over the client's. Two seed defects are fixed here: an override keeps the
 * JSON type of the value it replaces when it can (a number stays a number), and conditions read non-string values as
 * their JSON text ({@code true}, {@code 5}) instead of Python's repr.
 */
public final class DevOverrides {
    private DevOverrides() {
    }

    /** The overrides to apply, by target key, client rules first so endpoint rules win. */
    public static Map<String, String> compute(ObjectNode payload, List<DevRuleSpec> clientRules,
            List<DevRuleSpec> endpointRules) {
        Map<String, String> result = new LinkedHashMap<>();
        collect(payload, clientRules, result);
        collect(payload, endpointRules, result);
        return result;
    }

    /** A copy of the payload with the overrides written in. */
    public static ObjectNode apply(ObjectNode payload, Map<String, String> overrides) {
        ObjectNode working = payload.deepCopy();
        overrides.forEach((key, value) -> JsonPaths.set(working, key, typed(JsonPaths.get(payload, key), value)));
        return working;
    }

    public static boolean matches(ObjectNode payload, DevRuleSpec rule) {
        if (rule.conditionParam() == null || rule.conditionParam().isBlank()) {
            return true;
        }
        JsonNode value = JsonPaths.get(payload, rule.conditionParam());
        if (value == null || value.isNull()) {
            return false;
        }
        String expected = rule.conditionValue();
        if (expected == null || expected.isEmpty()) {
            return true;
        }
        String text = JsonPaths.text(value);
        try {
            return Pattern.compile(expected).matcher(text).find();
        } catch (PatternSyntaxException e) {
            return text.contains(expected);
        }
    }

    /** The override as a JSON value of the same kind as the value it replaces, when it reads as one. */
    static JsonNode typed(JsonNode current, String override) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (current != null && current.isNumber()) {
            try {
                return override.contains(".") || override.contains("e") || override.contains("E")
                        ? f.numberNode(new java.math.BigDecimal(override)) : integer(override.trim());
            } catch (NumberFormatException e) {
                return f.textNode(override);
            }
        }
        if (current != null && current.isBoolean() && ("true".equals(override) || "false".equals(override))) {
            return f.booleanNode(Boolean.parseBoolean(override));
        }
        return f.textNode(override);
    }

    private static JsonNode integer(String override) {
        try {
            return JsonNodeFactory.instance.numberNode(Long.parseLong(override));
        } catch (NumberFormatException e) {
            return JsonNodeFactory.instance.numberNode(new java.math.BigInteger(override));
        }
    }

    private static void collect(ObjectNode payload, List<DevRuleSpec> rules, Map<String, String> into) {
        for (DevRuleSpec rule : rules) {
            if (rule.targetParam() != null && !rule.targetParam().isBlank() && matches(payload, rule)) {
                into.put(rule.targetParam(), rule.overrideValue() == null ? "" : rule.overrideValue());
            }
        }
    }
}
