package io.dispatchapy.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.dispatchapy.model.db.EmbeddedPostgres;

/**
 * The application being measured: either a child JVM running the standalone jar against an embedded PostgreSQL that the
 * benchmark owns (so it can insert backlogs with SQL), or an application already running at a URL.
 */
public final class AppUnderTest implements AutoCloseable {
    final String baseUrl;
    final String jdbcUrl;
    final String dbUser;
    final String dbPassword;
    final String adminPassword;
    final long pid;
    private final Process process;
    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final Path log;
    private final boolean keepData;

    private AppUnderTest(String baseUrl, String jdbcUrl, String dbUser, String dbPassword, String adminPassword,
            long pid, Process process, EmbeddedPostgres postgres, Path dataDir, Path log, boolean keepData) {
        this.baseUrl = baseUrl;
        this.jdbcUrl = jdbcUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.adminPassword = adminPassword;
        this.pid = pid;
        this.process = process;
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.log = log;
        this.keepData = keepData;
    }

    static AppUnderTest existing(BenchOptions o) {
        return new AppUnderTest(o.url, o.jdbcUrl, o.dbUser, o.dbPassword, o.adminPassword, o.pid, null, null, null,
                null, true);
    }

    /** Starts an embedded PostgreSQL (durable commits, as in production) and the standalone jar against it. */
    static AppUnderTest start(BenchOptions o) throws IOException {
        if (!Files.exists(o.appJar)) {
            throw new IllegalStateException(
                    o.appJar + " does not exist: build it first (./mvnw -B -DskipTests package)");
        }
        Path dataDir = Files.createTempDirectory("dispatchapy-bench-");
        Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Benchmark.log("starting the embedded PostgreSQL in " + dataDir);
        Map<String, String> settings = new LinkedHashMap<>(o.pgSettings);
        if (o.pgStats) {
            settings.merge("shared_preload_libraries", "pg_stat_statements", (a, b) -> a + "," + b);
        }
        EmbeddedPostgres pg = EmbeddedPostgres.start(dataDir.resolve("postgres"), 0, true, settings);
        if (o.pgStats) {
            pg.createDatabase("dispatchapy");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("dispatchapy"), EmbeddedPostgres.USER, "");
                    Statement st = c.createStatement()) {
                st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            } catch (SQLException e) {
                throw new IllegalStateException("Could not create pg_stat_statements", e);
            }
        }
        Process process = null;
        try {
            pg.createDatabase("dispatchapy");
            String jdbc = pg.jdbcUrl("dispatchapy");
            int port = freePort();
            Path log = dataDir.resolve("app.log");
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String opt : o.appJvmOpts.trim().split("\\s+")) {
                if (!opt.isBlank()) {
                    cmd.add(opt);
                }
            }
            cmd.addAll(List.of("-jar", o.appJar.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .directory(dataDir.toFile());
            Map<String, String> env = pb.environment();
            env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbc);
            env.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgres.USER);
            env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
            env.put("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", String.valueOf(o.pool));
            env.put("DISPATCHAPY_ADMIN_PASSWORD", o.adminPassword);
            env.put("DISPATCHAPY_DATA_DIR", dataDir.resolve("app-data").toString());
            env.putAll(o.appEnv);
            Benchmark.log("starting " + String.join(" ", cmd) + " on port " + port + " (log " + log + ")");
            process = pb.start();
            AppUnderTest app = new AppUnderTest("http://127.0.0.1:" + port, jdbc, EmbeddedPostgres.USER, "postgres",
                    o.adminPassword, process.pid(), process, pg, dataDir, log, o.keepData);
            app.awaitReady(Duration.ofMinutes(3));
            return app;
        } catch (RuntimeException | IOException e) {
            if (process != null) {
                process.destroyForcibly();
            }
            pg.close();
            if (!o.keepData) {
                deleteTree(dataDir);
            }
            throw e;
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(
                        "The application exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(250);
        }
        throw new IllegalStateException("The application was not ready within " + timeout + ":\n" + logTail());
    }

    /** The embedded PostgreSQL's data directory, null for an application at a URL (its database is not ours). */
    Path postgresDataDir() {
        return postgres == null ? null : postgres.dataDir();
    }

    /** Peak resident set size (VmHWM) in MiB, or NaN when the process is unknown. */
    double peakRssMiB() {
        return procStatusMiB("VmHWM:");
    }

    double rssMiB() {
        return procStatusMiB("VmRSS:");
    }

    private double procStatusMiB(String field) {
        if (pid <= 0) {
            return Double.NaN;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // process gone or not Linux
        }
        return Double.NaN;
    }

    String logTail() {
        if (log == null) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
        if (dataDir != null && !keepData) {
            deleteTree(dataDir);
        } else if (dataDir != null) {
            Benchmark.log("data kept in " + dataDir);
        }
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            Benchmark.log("could not delete " + dir + ": " + e.getMessage());
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
