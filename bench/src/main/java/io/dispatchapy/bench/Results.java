package io.dispatchapy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one benchmark run: printed as a table and written as JSON. */
public final class Results {

    /** How a measured value is judged against its goal. */
    public enum Goal {
        /** informational: no goal */
        NONE,
        /** the value must be at least the goal */
        AT_LEAST,
        /** the value must be at most the goal */
        AT_MOST
    }

    /**
     * One figure. {@code value} is NaN when it could not be measured (then it fails unless it has no goal).
     */
    public record Row(String key, String figure, Goal kind, double goal, double value, String unit, String note,
            boolean valid) {
        public Boolean pass() {
            if (kind == Goal.NONE) {
                return null;
            }
            if (Double.isNaN(value) || !valid) {
                return false;
            }
            return kind == Goal.AT_LEAST ? value >= goal : value <= goal;
        }

        public String goalText() {
            return switch (kind) {
            case NONE -> "-";
            case AT_LEAST -> "≥ " + format(goal);
            case AT_MOST -> "≤ " + format(goal);
            };
        }

        public String passText() {
            Boolean p = pass();
            return p == null ? "info" : p ? "PASS" : "FAIL";
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, String> context;

    public Results(Map<String, String> context) {
        this.context = context;
    }

    public void add(String key, String figure, Goal kind, double goal, double value, String unit, String note) {
        add(key, figure, kind, goal, value, unit, note, true);
    }

    /** {@code valid=false}: the measurement itself shows a failure (errors, lost tasks), whatever the value. */
    public void add(String key, String figure, Goal kind, double goal, double value, String unit, String note,
            boolean valid) {
        rows.removeIf(r -> r.key().equals(key));
        rows.add(new Row(key, figure, kind, goal, value, unit, note == null ? "" : note, valid));
    }

    public void info(String key, String figure, double value, String unit, String note) {
        add(key, figure, Goal.NONE, Double.NaN, value, unit, note);
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public Row row(String key) {
        return rows.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
    }

    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** The table, one row per figure. */
    public String table() {
        int w = Math.max(6, rows.stream().mapToInt(r -> r.figure().length()).max().orElse(6));
        StringBuilder sb = new StringBuilder();
        String fmt = "%-" + w + "s | %-10s | %-12s | %-5s | %s%n";
        sb.append(String.format(Locale.ROOT, fmt, "figure", "goal", "measured", "pass", "note"));
        sb.append("-".repeat(w + 50)).append('\n');
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, fmt, r.figure(), r.goalText(), format(r.value()) + " " + r.unit(),
                    r.passText(), r.note()));
        }
        return sb.toString();
    }

    public String json() {
        StringBuilder sb = new StringBuilder("{\n  \"context\": {");
        boolean first = true;
        for (var e : context.entrySet()) {
            sb.append(first ? "\n" : ",\n").append("    ").append(quote(e.getKey())).append(": ")
                    .append(quote(e.getValue()));
            first = false;
        }
        sb.append("\n  },\n  \"figures\": [");
        first = true;
        for (Row r : rows) {
            sb.append(first ? "\n" : ",\n");
            first = false;
            sb.append("    {\"key\": ").append(quote(r.key())).append(", \"figure\": ").append(quote(r.figure()))
                    .append(", \"goal\": ").append(quote(r.goalText())).append(", \"goalValue\": ")
                    .append(number(r.goal())).append(", \"measured\": ").append(number(r.value()))
                    .append(", \"unit\": ").append(quote(r.unit())).append(", \"pass\": ")
                    .append(r.pass() == null ? "null" : r.pass().toString()).append(", \"note\": ")
                    .append(quote(r.note())).append('}');
        }
        sb.append("\n  ]\n}\n");
        return sb.toString();
    }

    /** Writes the JSON to {@code dir/<timestamp>.json} and returns the file. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String name = Instant.now().toString().replace(':', '-').replaceAll("\\.\\d+Z$", "Z") + ".json";
        Path file = dir.resolve(name);
        Files.writeString(file, json());
        return file;
    }

    private static String number(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
            case '"' -> sb.append("\\\"");
            case '\\' -> sb.append("\\\\");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            default -> {
                if (c < 0x20) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            }
        }
        return sb.append('"').toString();
    }
}
