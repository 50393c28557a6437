package io.dispatchapy.model.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Dot paths ({@code user.phone}) into JSON objects. */
public final class JsonPaths {
    private JsonPaths() {
    }

    /** The node at the path, or null when any part is missing. */
    public static JsonNode get(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.", -1)) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node;
    }

    /** Sets the value at the path, creating (or replacing non-object) intermediate objects. */
    public static void set(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.", -1);
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || !child.isObject()) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], value);
    }

    /** The value as text: strings as they are, anything else as its JSON text. */
    public static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }
}
