package io.dispatchapy.standalone;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.dispatchapy.model.db.EmbeddedPostgres;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts everything in one process. Without {@code QUARKUS_DATASOURCE_JDBC_URL} it first starts an embedded PostgreSQL
 * whose data lives in {@code DISPATCHAPY_DATA_DIR} (default {@code ./data}), kept across restarts, and stops it after
 * the application has shut down. With the arguments {@code import-seed PATH ...} it imports the original Dispatchapy's
 * database into that same database and exits ({@link ImportSeedCommand}); {@code rotate-secret-key} re-encrypts the
 * stored secrets with a new key ({@link RotateSecretKeyCommand}). Without {@code DISPATCHAPY_SECRET_KEY} the key for
 * secrets at rest is generated into the data directory ({@link SecretKeyFile}).
 */
@QuarkusMain
public class StandaloneMain {
    static final String DATABASE_DESCRIPTION = "dispatchapy.standalone.database";

    public static void main(String... args) {
        boolean importSeed = ImportSeedCommand.requested(args);
        if (importSeed) {
            ImportSeedCommand.validate(args, System.out, System.err).ifPresent(System::exit);
            ImportSeedCommand.configureProcess();
        }
        boolean rotate = RotateSecretKeyCommand.requested(args);
        if (rotate) {
            RotateSecretKeyCommand.configureProcess();
        }
        EmbeddedPostgres embedded = null;
        if (configured("QUARKUS_DATASOURCE_JDBC_URL", "quarkus.datasource.jdbc.url") == null) {
            DataDirLock.acquire(dataDir()).ifPresent(System::exit);
            embedded = startEmbedded();
        } else {
            System.setProperty(DATABASE_DESCRIPTION,
                    "PostgreSQL at " + configured("QUARKUS_DATASOURCE_JDBC_URL", "quarkus.datasource.jdbc.url"));
        }
        boolean keyFileRotated = rotate ? RotateSecretKeyCommand.prepare(dataDir()) : configureSecretKey();
        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedPostgres db = embedded;
        // On SIGTERM the JVM runs its shutdown hooks while Quarkus stops the application on them; this hook
        // holds the exit until the main thread below has stopped the database after the application.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stopped.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "embedded-postgres-wait"));
        AtomicInteger exitCode = new AtomicInteger();
        try {
            // with an exit handler Quarkus returns here instead of calling System.exit itself
            Quarkus.run(importSeed ? ImportSeedApplication.class
                    : rotate ? RotateSecretKeyApplication.class : Application.class, (code, failure) -> {
                        exitCode.set(code);
                        if (failure != null) {
                            // with an exit handler Quarkus does not log why it could not start
                            System.err.println("Error: Dispatchapy could not start: " + startFailure(failure));
                        }
                    }, args);
            if (rotate) {
                RotateSecretKeyCommand.finish(dataDir(), keyFileRotated, exitCode.get() == 0);
            }
        } finally {
            if (db != null) {
                db.close();
            }
            stopped.countDown();
        }
        System.exit(exitCode.get());
    }

    /** What stopped the start, in one line: the usual cause (the HTTP port is taken) named plainly. */
    static String startFailure(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.BindException || t.getClass().getSimpleName().contains("BindException")) {
                String port = configured("QUARKUS_HTTP_PORT", "quarkus.http.port");
                return "port " + (port == null ? "8080" : port)
                        + " is already in use by another process; stop it or choose another port with QUARKUS_HTTP_PORT";
            }
            if (t.getMessage() != null && messages.indexOf(t.getMessage()) < 0) {
                messages.append(messages.length() == 0 ? "" : ": ").append(t.getMessage());
            }
        }
        return messages.length() == 0 ? failure.getClass().getName() : messages.toString();
    }

    private static boolean configureSecretKey() {
        SecretKeyFile.configure(dataDir());
        return false;
    }

    /** Runs until the process is asked to stop. */
    public static class Application implements QuarkusApplication {
        @Override
        public int run(String... args) {
            Quarkus.waitForExit();
            return 0;
        }
    }

    /**
     * Where the embedded PostgreSQL keeps its data ({@code
     *
    <dir>
     * /postgres}).
     */
    static Path dataDir() {
        String dir = configured("DISPATCHAPY_DATA_DIR", "dispatchapy.data-dir");
        return Path.of(dir == null ? "data" : dir).toAbsolutePath().normalize();
    }

    private static EmbeddedPostgres startEmbedded() {
        Path data = dataDir();
        String port = configured("DISPATCHAPY_DB_PORT", "dispatchapy.db-port");
        EmbeddedPostgres pg = EmbeddedPostgres.start(data.resolve("postgres"),
                port == null ? 0 : Integer.parseInt(port), true);
        pg.createDatabase("dispatchapy");
        System.setProperty("quarkus.datasource.jdbc.url", pg.jdbcUrl("dispatchapy"));
        System.setProperty("quarkus.datasource.username", EmbeddedPostgres.USER);
        System.setProperty("quarkus.datasource.password", "embedded");
        System.setProperty(DATABASE_DESCRIPTION,
                "embedded PostgreSQL (data in " + data.resolve("postgres") + ", port " + pg.port() + ")");
        return pg;
    }

    private static String configured(String env, String property) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? null : v;
    }
}
