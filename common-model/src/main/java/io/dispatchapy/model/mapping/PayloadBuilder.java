package io.dispatchapy.model.mapping;

import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the body one resource receives. Pure: the same inputs (and UUIDs) give the same output.
 * <ul>
 * <li>No mappings: the (dev-overridden) payload is forwarded unchanged, without {@code _raw}.</li>
 * <li>Mappings: only the mapped keys, plus the original payload under {@code _raw} unless the resource turned that off.
 * A {@code field} whose value is missing or null is left out, as the seed does.</li>
 * </ul>
 */
public final class PayloadBuilder {
    public static final String RAW_KEY = "_raw";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.\\-]+)}");

    private PayloadBuilder() {
    }

    /**
     * @param working
     *            the payload after dev-mode overrides
     * @param original
     *            the payload as the client sent it
     */
    public static ObjectNode build(ObjectNode working, ObjectNode original, List<MappingSpec> mappings,
            boolean includeRaw, Supplier<String> uuids) {
        if (mappings.isEmpty()) {
            return working.deepCopy();
        }
        ObjectNode target = JsonNodeFactory.instance.objectNode();
        for (MappingSpec mapping : mappings) {
            JsonNode value = valueOf(mapping, working, uuids);
            if (value != null) {
                JsonPaths.set(target, mapping.targetKey(), value);
            }
        }
        if (includeRaw) {
            target.set(RAW_KEY, original.deepCopy());
        }
        return target;
    }

    private static JsonNode valueOf(MappingSpec mapping, ObjectNode working, Supplier<String> uuids) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (mapping.type()) {
        case FIELD:
            JsonNode v = JsonPaths.get(working, mapping.value() == null ? "" : mapping.value());
            return v == null || v.isNull() ? null : v.deepCopy();
        case UUID:
            return f.textNode(uuids.get());
        case CONSTANT:
            return f.textNode(mapping.value() == null ? "" : mapping.value());
        case TEMPLATE:
            return f.textNode(fill(mapping.value() == null ? "" : mapping.value(), working));
        default:
            return null;
        }
    }

    /** Replaces {@code {path}} with the payload's value at that path (empty when missing). */
    public static String fill(String template, JsonNode payload) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(JsonPaths.text(JsonPaths.get(payload, m.group(1)))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
