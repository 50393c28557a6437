package io.dispatchapy.admin.audit;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Masks every value that could be a secret in a JSON snapshot, whatever shape the DTOs take: values under keys that
 * look secret (password, token, secret, authorization, api key, cookie, credential), every value of a
 * {@code secretHeaders} or {@code webhookHeaders} object and of a webhook's {@code headers}, and the headers a
 * {@code secretHeaders} list names. Booleans and nulls stay (they say "set or not", never the value).
 */
public final class SecretMasker {
    public static final String MASK = "***";
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(passw|secret|token|authori[sz]ation|api[-_ ]?key|cookie|credential|private[-_]?key|signature).*"
                    + "|(?i)(.*[-_ ])?(key|auth|pass|pwd)");
    private static final Set<String> ALL_VALUES_SECRET = Set.of("secretheaders", "webhookheaders");

    private SecretMasker() {
    }

    /** A masked copy; the input is not changed. */
    public static JsonNode mask(JsonNode snapshot) {
        if (snapshot == null || snapshot.isNull()) {
            return snapshot;
        }
        JsonNode copy = snapshot.deepCopy();
        Set<String> named = new HashSet<>();
        collectSecretHeaderNames(copy, named);
        walk(copy, null, named);
        return copy;
    }

    /** Names listed in a {@code secretHeaders} array anywhere: those headers are masked wherever they appear. */
    private static void collectSecretHeaderNames(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equalsIgnoreCase("secretHeaders") && e.getValue().isArray()) {
                    e.getValue().forEach(n -> names.add(n.asText().toLowerCase(Locale.ROOT)));
                }
                collectSecretHeaderNames(e.getValue(), names);
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectSecretHeaderNames(n, names));
        }
    }

    private static void walk(JsonNode node, String parentKey, Set<String> named) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> it = object.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (isSecretKey(e.getKey(), parentKey, named)) {
                    e.setValue(maskAll(e.getValue()));
                } else if (ALL_VALUES_SECRET.contains(e.getKey().toLowerCase(Locale.ROOT)) && e.getValue().isObject()
                        || "headers".equalsIgnoreCase(e.getKey()) && "webhook".equalsIgnoreCase(parentKey)) {
                    e.getValue().fields().forEachRemaining(h -> h.setValue(maskAll(h.getValue())));
                } else {
                    walk(e.getValue(), e.getKey(), named);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(n -> walk(n, parentKey, named));
        }
    }

    private static boolean isSecretKey(String key, String parentKey, Set<String> named) {
        if (key.equalsIgnoreCase("secretHeaders")) {
            return false; // a list of names (kept) or an object of values (masked value by value)
        }
        return SECRET_KEY.matcher(key).matches() || named.contains(key.toLowerCase(Locale.ROOT));
    }

    /** Every text or number leaf becomes {@value #MASK}; booleans and nulls stay. */
    private static JsonNode maskAll(JsonNode value) {
        if (value.isObject() || value.isArray()) {
            JsonNode copy = value.deepCopy();
            if (copy instanceof ObjectNode o) {
                o.fields().forEachRemaining(e -> e.setValue(maskAll(e.getValue())));
            } else {
                ArrayNode a = (ArrayNode) copy;
                for (int i = 0; i < a.size(); i++) {
                    a.set(i, maskAll(a.get(i)));
                }
            }
            return copy;
        }
        return value.isNull() || value.isBoolean() || value.isMissingNode() ? value : TextNode.valueOf(MASK);
    }
}
