package io.dispatchapy.admin.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** The leaves that differ between two snapshots, by dot path ({@code healthCheck.url}, {@code headers.X-Key}). */
public final class AuditDiff {
    public record Change(String path, String before, String after) {
    }

    private AuditDiff() {
    }

    public static List<Change> of(JsonNode before, JsonNode after) {
        Map<String, String> b = flatten(before);
        Map<String, String> a = flatten(after);
        Set<String> paths = new LinkedHashSet<>(b.keySet());
        paths.addAll(a.keySet());
        List<Change> out = new ArrayList<>();
        for (String p : paths) {
            String x = b.get(p);
            String y = a.get(p);
            if (x == null ? y != null : !x.equals(y)) {
                out.add(new Change(p, x, y));
            }
        }
        return out;
    }

    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node != null && !node.isNull()) {
            walk(node, "", out);
        }
        return out;
    }

    private static void walk(JsonNode node, String path, Map<String, String> out) {
        if (node.isObject() && node.size() > 0) {
            node.fields().forEachRemaining(
                    e -> walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
        } else if (node.isArray() && node.size() > 0) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", out);
            }
        } else {
            out.put(path.isEmpty() ? "(value)" : path, node.isTextual() ? node.asText() : node.toString());
        }
    }
}
