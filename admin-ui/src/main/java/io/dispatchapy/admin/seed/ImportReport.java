package io.dispatchapy.admin.seed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import did (or, in a dry run, would do): per kind of row how many the seed has, how many are created, how
 * many already exist and are kept unchanged, how many are skipped; the settings that change; every problem found.
 */
public final class ImportReport {
    public static final String ERROR = "error";
    public static final String WARNING = "warning";
    public static final String INFO = "info";

    /** Counts of one kind of row. */
    public static final class Count {
        public int inSeed;
        public int created;
        public int existing;
        public int skipped;
    }

    public record SettingChange(String key, String from, String to) {
    }

    /** A quirk or defect of one seed row and what the import did about it. */
    public record Problem(String level, String table, Long id, String message) {
    }

    public final String source;
    public final boolean dryRun;
    public final boolean withTasks;
    public final Map<String, Count> counts = new LinkedHashMap<>();
    public final List<SettingChange> settings = new ArrayList<>();
    public final List<Problem> problems = new ArrayList<>();

    /** What the original did with a NULL where the model's default is true (its queries test "= true"). */
    private static final Map<String, String> NULL_MEANT = Map.of("endpoints.is_active",
            " (the original answered 404 for it: deactivate it after the import if that was meant)",
            "resources.is_active", " (the original never used it: deactivate it after the import if that was meant)",
            "resources.healthy", " (the original treated it as DOWN until a check succeeded)",
            "resources.is_health_check_enabled",
            " (the original never checked it: turn checks off after the import" + " if that was meant)");
    private final java.util.Set<String> missingColumns = new java.util.HashSet<>();

    public ImportReport(String source, boolean dryRun, boolean withTasks) {
        this.source = source;
        this.dryRun = dryRun;
        this.withTasks = withTasks;
    }

    public Count count(String kind) {
        return counts.computeIfAbsent(kind, k -> new Count());
    }

    /** Whether the run created anything or changed a setting. */
    public boolean getChanged() {
        return !settings.isEmpty() || counts.values().stream().anyMatch(c -> c.created > 0);
    }

    void problem(String level, String table, Long id, String message) {
        problems.add(new Problem(level, table, id, message));
    }

    void error(SeedRow row, String message) {
        problem(ERROR, row.table(), row.id(), message);
    }

    void warning(SeedRow row, String message) {
        problem(WARNING, row.table(), row.id(), message);
    }

    void info(SeedRow row, String message) {
        problem(INFO, row.table(), row.id(), message);
    }

    void nullBoolean(SeedRow row, String column, boolean seedDefault) {
        String hint = NULL_MEANT.getOrDefault(row.table() + "." + column, "");
        if (!row.has(column)) {
            if (missingColumns.add(row.table() + "." + column)) {
                problem(WARNING, row.table(), null, "column " + column + " does not exist in this version of the"
                        + " original's schema; every row imported with " + seedDefault + ", the model's default");
            }
            return;
        }
        problem(WARNING, row.table(), row.id(), column + " is NULL (a column added by a migration of the original,"
                + " without a default); imported as " + seedDefault + ", the original model's default" + hint);
    }

    /** The report as the command prints it. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(dryRun ? "Dry run: nothing was written. Import plan for " : "Imported ").append(source)
                .append(withTasks ? " (with task history)" : " (without task history)").append('\n');
        out.append(String.format("%-24s %7s %9s %9s %8s%n", "", "in seed", dryRun ? "to create" : "created", "existing",
                "skipped"));
        counts.forEach((kind, c) -> out
                .append(String.format("%-24s %7d %9d %9d %8d%n", kind, c.inSeed, c.created, c.existing, c.skipped)));
        if (settings.isEmpty()) {
            out.append("Settings: no change\n");
        }
        settings.forEach(s -> out.append("Setting ").append(s.key()).append(": ").append(s.from()).append(" -> ")
                .append(s.to()).append('\n'));
        out.append(problems.isEmpty() ? "No problems found.\n" : problems.size() + " problem(s):\n");
        problems.forEach(
                p -> out.append("  ").append(p.level().toUpperCase(java.util.Locale.ROOT)).append(' ').append(p.table())
                        .append(p.id() == null ? "" : " #" + p.id()).append(": ").append(p.message()).append('\n'));
        if (!dryRun && !getChanged()) {
            out.append("Nothing changed: everything in the seed had already been imported.\n");
        }
        return out.toString();
    }
}
