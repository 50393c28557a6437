package io.dispatchapy.admin.seed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Conversions of the seed's JSON columns into the shapes of our columns, reporting what does not fit. */
final class SeedJson {
    private SeedJson() {
    }

    /** A JSON object of strings (headers); other value types become their text. */
    static Map<String, String> stringMap(SeedRow row, String column, ImportReport report) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode node = row.json(column, report);
        if (node == null) {
            return out;
        }
        if (!node.isObject()) {
            report.warning(row, "column " + column + " is not a JSON object; imported as empty");
            return out;
        }
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().textValue()
                : e.getValue().isNull() ? "" : e.getValue().toString()));
        return out;
    }

    /** A JSON object with any values (test values). */
    static Map<String, Object> objectMap(SeedRow row, String column, ImportReport report) {
        JsonNode node = row.json(column, report);
        if (node == null) {
            return new LinkedHashMap<>();
        }
        if (!node.isObject()) {
            report.warning(row, "column " + column + " is not a JSON object; imported as empty");
            return new LinkedHashMap<>();
        }
        return SeedRow.JSON.convertValue(node,
                SeedRow.JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
    }

    /** Any JSON value (a webhook payload), an empty object when absent. */
    static Object value(SeedRow row, String column, ImportReport report) {
        JsonNode node = row.json(column, report);
        return node == null ? new LinkedHashMap<>() : SeedRow.JSON.convertValue(node, Object.class);
    }

    /** A JSON array of strings (required params), in stored order and without repeats. */
    static List<String> stringList(SeedRow row, String column, ImportReport report) {
        List<String> out = new ArrayList<>();
        JsonNode node = row.json(column, report);
        if (node == null) {
            return out;
        }
        if (!node.isArray()) {
            report.warning(row, "column " + column + " is not a JSON array; imported as empty");
            return out;
        }
        for (JsonNode item : node) {
            String s = item.asText();
            if (!out.contains(s)) {
                out.add(s);
            } else {
                report.info(row, column + " lists " + ImportContext.quote(s) + " twice; imported once");
            }
        }
        return out;
    }
}
