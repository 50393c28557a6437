package io.dispatchapy.model.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;

import io.dispatchapy.model.db.EmbeddedPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The database of every test that needs one: the server named by {@code QUARKUS_DATASOURCE_JDBC_URL} when that is set,
 * otherwise one embedded PostgreSQL per test JVM (fsync off), shared by all test classes.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
    private static EmbeddedPostgres server;

    @Override
    public Map<String, String> start() {
        if (System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null) {
            return Map.of();
        }
        return Map.of("quarkus.datasource.jdbc.url", jdbcUrl(), "quarkus.datasource.username", EmbeddedPostgres.USER,
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        // the server lives as long as the JVM: other test classes use it too
    }

    /** The JDBC URL of the test database, starting the embedded server on first use. */
    public static synchronized String jdbcUrl() {
        String external = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (external != null) {
            return external;
        }
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory("dispatchapy-test-pg");
                // as root the server runs as an unprivileged user, who must be able to enter this directory
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                server = EmbeddedPostgres.start(dir.resolve("data"), 0, false);
                server.createDatabase("dispatchapy");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.close();
                    deleteQuietly(dir);
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server.jdbcUrl("dispatchapy");
    }

    public static String username() {
        String external = System.getenv("QUARKUS_DATASOURCE_USERNAME");
        return external != null ? external : EmbeddedPostgres.USER;
    }

    public static String password() {
        String external = System.getenv("QUARKUS_DATASOURCE_PASSWORD");
        return external != null ? external : "";
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
