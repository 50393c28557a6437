package io.dispatchapy.standalone;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The command line {@code import-seed PATH [--dry-run] [--with-tasks]}: imports the original Python Dispatchapy's
 * SQLite database into the configured database (the embedded one in {@code ./data} when none is configured).
 */
public record ImportSeedCommand(Path file, boolean dryRun, boolean withTasks) {

    public static final String NAME = "import-seed";
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    /** Set to {@link #RUNNING} while the process only imports. */
    static final String MODE_PROPERTY = "dispatchapy.standalone.command";
    static final String RUNNING = NAME;
    static final String USAGE_TEXT = "Usage: java -jar quarkus-run.jar " + NAME + " PATH [--dry-run] [--with-tasks]\n"
            + "  PATH          the original's SQLite database (its data/dispatchapy.db; stop the original first)\n"
            + "  --dry-run     print what would be imported and every problem found; write nothing\n"
            + "  --with-tasks  also import the task history (unfinished tasks are then delivered here)\n"
            + "The database is the one a normal start uses (QUARKUS_DATASOURCE_JDBC_URL, else the embedded one in"
            + " DISPATCHAPY_DATA_DIR, default ./data).";

    /** Whether the arguments ask for this command. */
    public static boolean requested(String... args) {
        return args.length > 0 && NAME.equals(args[0]);
    }

    /** Parses {@code import-seed ...}; an {@link IllegalArgumentException} carries the usage error. */
    public static ImportSeedCommand parse(String... args) {
        Path file = null;
        boolean dryRun = false;
        boolean withTasks = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
            case "--dry-run" -> dryRun = true;
            case "--with-tasks" -> withTasks = true;
            default -> {
                if (args[i].startsWith("-") || file != null) {
                    throw new IllegalArgumentException("Unexpected argument: " + args[i]);
                }
                file = Path.of(args[i]);
            }
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("Missing PATH of the original's database");
        }
        return new ImportSeedCommand(file, dryRun, withTasks);
    }

    /**
     * Checks what can be checked before anything starts, printing help or the error.
     *
     * @return empty to go on with the import, else the exit status of the process
     */
    public static OptionalInt validate(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 1 && (args[1].equals("--help") || args[1].equals("-h"))) {
            out.println(USAGE_TEXT);
            return OptionalInt.of(OK);
        }
        ImportSeedCommand command;
        try {
            command = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("Error: " + e.getMessage() + "\n" + USAGE_TEXT);
            return OptionalInt.of(USAGE);
        }
        if (!Files.isRegularFile(command.file())) {
            err.println("Error: no such file: " + command.file().toAbsolutePath()
                    + " (the original keeps its database in data/dispatchapy.db)");
            return OptionalInt.of(FAILED);
        }
        return OptionalInt.empty();
    }

    /**
     * Settings of the process that only runs the import: no task is claimed or health-checked here, and the HTTP server
     * (which starts with the application) takes a random local port so a running instance is not disturbed.
     */
    public static void configureProcess() {
        System.setProperty(MODE_PROPERTY, RUNNING);
        System.setProperty("dispatchapy.worker.enabled", "false");
        System.setProperty("dispatchapy.health.enabled", "false");
        System.setProperty("quarkus.http.port", "0");
        System.setProperty("quarkus.http.host", "127.0.0.1");
    }
}
