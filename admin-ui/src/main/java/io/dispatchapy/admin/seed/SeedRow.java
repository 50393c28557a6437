package io.dispatchapy.admin.seed;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One row of the seed database with the conversions its quirks need: SQLite stores booleans as 0/1 (or NULL when the
 * column was added by a migration without a default), JSON and timestamps as text (naive UTC).
 */
public final class SeedRow {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("yyyy-MM-dd[' ']['T']HH:mm[:ss]").optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter();

    private final String table;
    private final Map<String, Object> values;

    SeedRow(String table, Map<String, Object> values) {
        this.table = table;
        this.values = values;
    }

    public String table() {
        return table;
    }

    public Long id() {
        return lng("id");
    }

    public boolean has(String column) {
        return values.containsKey(column);
    }

    public String str(String column) {
        Object v = values.get(column);
        return v == null ? null : v.toString();
    }

    public Long lng(String column) {
        Object v = values.get(column);
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return v == null || v.toString().isBlank() ? null : Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public Integer integer(String column) {
        Long v = lng(column);
        return v == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    /** A boolean; NULL (or a missing column) takes the original model's default and is reported. */
    public boolean bool(String column, boolean seedDefault, ImportReport report) {
        Object v = values.get(column);
        if (v == null) {
            report.nullBoolean(this, column, seedDefault);
            return seedDefault;
        }
        if (v instanceof Number n) {
            return n.intValue() != 0;
        }
        String s = v.toString().trim();
        return s.equals("1") || s.equalsIgnoreCase("true");
    }

    /** Parsed JSON, null when the column is NULL or empty; invalid JSON is reported and reads as null. */
    public JsonNode json(String column, ImportReport report) {
        String text = str(column);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node == null || node.isNull() ? null : node;
        } catch (JsonProcessingException e) {
            report.warning(this,
                    "column " + column + " is not valid JSON (" + abbreviate(text) + "); imported as empty");
            return null;
        }
    }

    /** A naive UTC timestamp as the original wrote it; unreadable values are reported and read as null. */
    public Instant time(String column, ImportReport report) {
        Object v = values.get(column);
        if (v == null || v.toString().isBlank()) {
            return null;
        }
        if (v instanceof Number n) {
            return Instant.ofEpochMilli(n.longValue());
        }
        try {
            return LocalDateTime.parse(v.toString().trim(), TIMESTAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            report.warning(this,
                    "column " + column + " is not a timestamp (" + abbreviate(v.toString()) + "); left empty");
            return null;
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
