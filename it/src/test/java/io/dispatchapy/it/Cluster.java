package io.dispatchapy.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.postgresql.ds.PGSimpleDataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dispatchapy.model.db.EmbeddedPostgres;
import io.dispatchapy.model.testing.ServiceProcess;

/**
 * A scaled-out installation for tests: its own real PostgreSQL (so a test can stop and start it) and the built service
 * jars started as separate JVMs, configured through the admin API.
 */
final class Cluster implements AutoCloseable {
    static final String ADMIN_PASSWORD = "it-admin-secret";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** Small JVMs: C1 only and the serial collector suit short runs of many processes on few cores. */
    static final String JVM_OPTIONS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k";

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path dataDir;
    private final int dbPort;
    private volatile EmbeddedPostgres db;
    final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private final List<ServiceProcess> processes = new ArrayList<>();

    Cluster() {
        try {
            Path dir = Files.createTempDirectory("dispatchapy-it-pg");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            dataDir = dir.resolve("data");
            dbPort = ServiceProcess.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        db = EmbeddedPostgres.start(dataDir, dbPort, false);
        db.createDatabase("dispatchapy");
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser(EmbeddedPostgres.USER);
        dataSource.setPassword("");
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + dbPort + "/dispatchapy";
    }

    /** Stops PostgreSQL (fast shutdown: open connections are cut, committed data is kept). */
    void stopDatabase() {
        db.close();
    }

    /** Starts PostgreSQL again on the same port with the same data. */
    void startDatabase() {
        db = EmbeddedPostgres.start(dataDir, dbPort, false);
    }

    static Path jar(String property) {
        return Path.of(System.getProperty(property)).toAbsolutePath().normalize();
    }

    /** The key every service encrypts and decrypts stored secrets with (base64 of 32 bytes). */
    static final String SECRET_KEY = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

    /** The environment every service gets: the database, the admin password, small JVMs. */
    Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgres.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", "12");
        env.put("DISPATCHAPY_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("DISPATCHAPY_SECRET_KEY", SECRET_KEY);
        env.put("JAVA_TOOL_OPTIONS", JVM_OPTIONS);
        env.putAll(extra);
        return env;
    }

    /** Starts a service jar in its own JVM and waits until it is ready. */
    ServiceProcess start(String jarProperty, String name, Map<String, String> extra) {
        ServiceProcess p = ServiceProcess.start(jar(jarProperty), name, env(extra), START_TIMEOUT, false);
        synchronized (processes) {
            processes.add(p);
        }
        return p;
    }

    /** Starts several services at the same time (so their Flyway migrations race), waiting for all. */
    @SafeVarargs
    final List<ServiceProcess> startAll(Map.Entry<String, Object[]>... specs) {
        List<CompletableFuture<ServiceProcess>> futures = new ArrayList<>();
        for (Map.Entry<String, Object[]> s : specs) {
            @SuppressWarnings("unchecked")
            Map<String, String> extra = (Map<String, String>) s.getValue()[1];
            futures.add(CompletableFuture.supplyAsync(() -> start((String) s.getValue()[0], s.getKey(), extra)));
        }
        // wait for every start, so a failed one leaves no other JVM running unseen
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        return futures.stream().map(CompletableFuture::join).toList();
    }

    // ---- admin API (HTTP Basic) ----

    JsonNode admin(ServiceProcess adminUi, String method, String path, Object body) {
        try {
            String auth = Base64.getEncoder()
                    .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(adminUi.baseUrl() + "/admin/api/v1" + path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + auth)
                    .header("Content-Type", "application/json").header("Accept", "application/json");
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + ": " + r.body());
            }
            return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A resource with a TCP health check every 1–2 s (TCP: no HTTP request reaches the stub's counters). */
    long resource(ServiceProcess adminUi, String name, String url) {
        Map<String, Object> hc = Map.of("enabled", true, "method", "tcp", "intervalMinSeconds", 1, "intervalMaxSeconds",
                2);
        return admin(adminUi, "POST", "/resources", Map.of("name", name, "url", url, "healthCheck", hc)).get("id")
                .asLong();
    }

    long endpoint(ServiceProcess adminUi, String path, long... resourceIds) {
        List<Long> ids = new ArrayList<>();
        for (long id : resourceIds) {
            ids.add(id);
        }
        return admin(adminUi, "POST", "/endpoints",
                Map.of("path", path, "requiredParams", List.of(), "resourceIds", ids)).get("id").asLong();
    }

    /** A client linked to the endpoint; returns its token. */
    String client(ServiceProcess adminUi, String name, long endpointId) {
        return admin(adminUi, "POST", "/clients", Map.of("name", name, "endpointIds", List.of(endpointId))).get("token")
                .asText();
    }

    void setMaxAttempts(ServiceProcess adminUi, int maxAttempts) {
        ObjectNode settings = (ObjectNode) admin(adminUi, "GET", "/settings", null);
        settings.put("maxAttempts", maxAttempts);
        admin(adminUi, "PUT", "/settings", settings);
    }

    // ---- database ----

    long count(String sql, Object... args) {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    List<Long> ids(String sql, Object... args) {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Long> out = new ArrayList<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        synchronized (processes) {
            for (ServiceProcess p : processes) {
                stops.add(CompletableFuture.runAsync(p::close));
            }
        }
        stops.forEach(CompletableFuture::join);
        db.close();
        try (var walk = Files.walk(dataDir.getParent())) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
