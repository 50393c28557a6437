package io.dispatchapy.standalone;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import io.dispatchapy.model.testing.ServiceProcess;

/**
 * Moving from the original: builds a database in the original's schema (as its SQLAlchemy models create it on SQLite,
 * with its quirks), runs the packaged {@code import-seed} command on an empty data directory (dry run, real run with
 * the task history, second run, missing file), starts the application on that data directory and sends the request a
 * client sent the original, with the same token header and body: the provider receives the body the original would have
 * sent. The task still pending in the original is delivered too; the finished one is not sent again.
 */
class SeedImportIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "dpy_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcdE";

    @Test
    void clientsKeepWorkingAfterTheImport() throws Exception {
        Path jar = Path.of(System.getProperty("dispatchapy.app.jar"));
        Path dir = Files.createTempDirectory("dispatchapy-seed-it");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("DISPATCHAPY_DATA_DIR", dir.resolve("data").toString(),
                "DISPATCHAPY_ADMIN_PASSWORD", "it-secret");
        try (Provider provider = new Provider()) {
            Path seed = seed(dir, provider.url("/sms"), provider.url("/mail"));

            Run dry = command(jar, env, dir, "import-seed", seed.toString(), "--dry-run");
            assertThat(dry.exit).as(dry.output).isZero();
            assertThat(dry.output).contains("Dry run: nothing was written")
                    .contains("duplicate link of endpoint 'send_sms' to resource 'sms'").contains("is_active is NULL")
                    .contains("orphan link");
            Run real = command(jar, env, dir, "import-seed", seed.toString(), "--with-tasks");
            assertThat(real.exit).as(real.output).isZero();
            assertThat(real.output).contains("Imported " + seed);
            Run again = command(jar, env, dir, "import-seed", seed.toString(), "--with-tasks");
            assertThat(again.exit).as(again.output).isZero();
            assertThat(again.output).contains("Nothing changed");
            Run missing = command(jar, env, dir, "import-seed", dir.resolve("nope.db").toString());
            assertThat(missing.exit).isNotZero();
            assertThat(missing.output).contains("no such file");

            // the key for secrets at rest was generated into the data directory, readable by its owner only
            Path keyFile = dir.resolve("data/secret.key");
            assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String firstKey = Files.readString(keyFile).trim();
            assertThat(real.output).doesNotContain(firstKey);
            // rotation: a new key, every secret re-encrypted with it; the delivery below reads them with it alone
            Run rotate = command(jar, env, dir, "rotate-secret-key");
            assertThat(rotate.exit).as(rotate.output).isZero();
            assertThat(rotate.output)
                    .containsPattern("Secrets re-encrypted with key [0-9a-f]{8}: [1-9]\\d* re-encrypted")
                    .contains("0 unreadable").doesNotContain("unreadable (left as it was)").doesNotContain(firstKey);
            assertThat(Files.readString(keyFile).trim()).isNotEqualTo(firstKey);
            assertThat(dir.resolve("data/secret.key.next")).doesNotExist();

            try (ServiceProcess app = ServiceProcess.start(jar, "seed-import", env, Duration.ofMinutes(3), false)) {
                String body = "{\"ref\": \"o-1\", \"scope\": \"shop\", \"phone\": \"+100\", \"text\": \"hi\","
                        + " \"extra\": {\"n\": 5}}";
                // the seed's token header variants: a plain "token" header, and Authorization: Bearer
                given().baseUri(app.baseUrl()).header("token", TOKEN).contentType("application/json").body(body)
                        .post("/api/send_sms").then().statusCode(200)
                        .body("status", org.hamcrest.Matchers.equalTo("queued"));
                given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + TOKEN)
                        .contentType("application/json").body(body).post("/api/notify").then().statusCode(200);
                // the new request, and the task that was still pending in the original (the finished one is not
                // sent again)
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> provider.received("/sms").size() == 2 && provider.received("/mail").size() == 1);
                // and nothing more arrives (the finished seed task is never re-sent)
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                        .until(() -> provider.received("/sms").size() == 2);

                JsonNode sent = JSON.readTree(body);
                ObjectNode sms = (ObjectNode) JSON.readTree(provider.received("/sms").stream()
                        .filter(b -> b.contains("\"o-1\"")).findFirst().orElseThrow());
                assertThat(sms.path("msg_id").asText())
                        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
                sms.put("msg_id", "uuid");
                // the original: {to <- phone, text <- text, msg_id <- uuid4, _raw <- the request}
                assertThat(sms).isEqualTo(JSON.createObjectNode().put("to", "+100").put("text", "hi")
                        .put("msg_id", "uuid").set("_raw", sent));
                assertThat(provider.headers("/sms")).containsEntry("x-provider-key", "k1");
                ObjectNode waiting = (ObjectNode) JSON.readTree(provider.received("/sms").stream()
                        .filter(b -> b.contains("\"o-waiting\"")).findFirst().orElseThrow());
                assertThat(waiting.get("to").asText()).isEqualTo("+200");
                assertThat(waiting.get("_raw").get("ref").asText()).isEqualTo("o-waiting");
                // no rules for that resource: the original sent {"_raw": request}
                assertThat(JSON.readTree(provider.received("/mail").get(0)))
                        .isEqualTo(JSON.createObjectNode().set("_raw", sent));
            }
        }
    }

    record Run(int exit, String output) {
    }

    static Run command(Path jar, Map<String, String> env, Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "import-", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("import-seed did not finish:\n" + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log));
    }

    /** The original's schema for the tables used here, as SQLAlchemy creates it, and rows with its quirks. */
    static Path seed(Path dir, String smsUrl, String mailUrl) throws Exception {
        Path file = dir.resolve("dispatchapy.db");
        String[] sql = {
                "CREATE TABLE resources (id INTEGER NOT NULL, name VARCHAR NOT NULL, endpoint VARCHAR NOT NULL,"
                        + " headers JSON, required_params JSON, is_active BOOLEAN, healthy BOOLEAN,"
                        + " last_checked DATETIME, next_health_check_at DATETIME, is_health_check_enabled BOOLEAN,"
                        + " health_check_test_values JSON, health_check_method VARCHAR,"
                        + " health_check_interval_min INTEGER, health_check_interval_max INTEGER,"
                        + " send_failure_email BOOLEAN, notification_email TEXT, notification_subject VARCHAR,"
                        + " notification_template TEXT, send_failure_webhook BOOLEAN, failure_webhook_url VARCHAR,"
                        + " failure_webhook_headers JSON, failure_webhook_payload JSON,"
                        + " latest_health_check_result JSON, created_at DATETIME DEFAULT (CURRENT_TIMESTAMP),"
                        + " PRIMARY KEY (id), UNIQUE (name))",
                "CREATE TABLE endpoints (id INTEGER NOT NULL, path VARCHAR NOT NULL, description VARCHAR,"
                        + " required_params JSON, is_development_mode BOOLEAN, dev_hold_tasks BOOLEAN,"
                        + " dev_rules_enabled BOOLEAN, is_active BOOLEAN, dev_values JSON,"
                        + " created_at DATETIME DEFAULT (CURRENT_TIMESTAMP), PRIMARY KEY (id), UNIQUE (path))",
                "CREATE TABLE endpoint_resource_links (id INTEGER NOT NULL, endpoint_id INTEGER,"
                        + " resource_id INTEGER, sequence INTEGER, PRIMARY KEY (id))",
                "CREATE TABLE endpoint_client_links (id INTEGER NOT NULL, endpoint_id INTEGER, client_id INTEGER,"
                        + " PRIMARY KEY (id))",
                "CREATE TABLE parameter_rules (id INTEGER NOT NULL, endpoint_id INTEGER, resource_id INTEGER,"
                        + " target_key VARCHAR, source_type VARCHAR, source_value VARCHAR,"
                        + " created_at DATETIME DEFAULT (CURRENT_TIMESTAMP), PRIMARY KEY (id))",
                "CREATE TABLE clients (id INTEGER NOT NULL, name VARCHAR NOT NULL, token VARCHAR NOT NULL,"
                        + " endpoint_id INTEGER, is_dev_client BOOLEAN, dev_hold_tasks BOOLEAN,"
                        + " dev_rules_enabled BOOLEAN, description VARCHAR,"
                        + " created_at DATETIME DEFAULT (CURRENT_TIMESTAMP), PRIMARY KEY (id), UNIQUE (token))",
                "CREATE TABLE settings (\"key\" VARCHAR NOT NULL, value VARCHAR, PRIMARY KEY (\"key\"))",
                "INSERT INTO resources (id, name, endpoint, headers, required_params, is_active, healthy,"
                        + " is_health_check_enabled, health_check_method) VALUES (1, 'sms', '" + smsUrl
                        + "', '{\"X-Provider-Key\": \"k1\"}', '[\"to\", \"text\", \"msg_id\"]', 1, 1, 0, 'simple')",
                "INSERT INTO resources (id, name, endpoint, is_active, healthy, is_health_check_enabled) VALUES"
                        + " (2, 'mail', '" + mailUrl + "', 1, 1, 0)",
                // is_active NULL: added by a migration of the original
                "INSERT INTO endpoints (id, path, required_params, is_development_mode, dev_hold_tasks,"
                        + " dev_rules_enabled, is_active) VALUES (1, 'send_sms', '[\"phone\", \"ref\", \"scope\"]',"
                        + " 0, 0, 0, NULL)",
                "INSERT INTO endpoints VALUES (2, 'notify', NULL, '[\"ref\", \"scope\"]', 0, 0, 0, 1, NULL, NULL)",
                "INSERT INTO endpoint_resource_links VALUES (1, 1, 1, 0)",
                "INSERT INTO endpoint_resource_links VALUES (2, 1, 1, 1)", // duplicate
                "INSERT INTO endpoint_resource_links VALUES (3, 2, 2, 0)",
                "INSERT INTO endpoint_resource_links VALUES (4, 2, 7, 1)", // orphan
                "INSERT INTO parameter_rules VALUES (1, 1, 1, 'to', 'from_source', 'phone', NULL)",
                "INSERT INTO parameter_rules VALUES (2, 1, 1, 'text', 'from_source', 'text', NULL)",
                "INSERT INTO parameter_rules VALUES (3, 1, 1, 'msg_id', 'generate_uuid', NULL, NULL)",
                "INSERT INTO clients VALUES (1, 'shop', '" + TOKEN + "', NULL, 0, 0, 0, NULL, NULL)",
                "INSERT INTO endpoint_client_links VALUES (1, 1, 1)",
                "INSERT INTO endpoint_client_links VALUES (2, 2, 1)",
                "CREATE TABLE tasks (id INTEGER NOT NULL, client_id INTEGER, client_name VARCHAR, ref_id VARCHAR,"
                        + " scope VARCHAR, endpoint_id INTEGER, endpoint_path VARCHAR, source_payload JSON,"
                        + " target_payload JSON, resource_id INTEGER, resource_name VARCHAR, status VARCHAR,"
                        + " attempts INTEGER, retry_count INTEGER, max_retries INTEGER, delay INTEGER,"
                        + " last_error TEXT, created_at DATETIME DEFAULT (CURRENT_TIMESTAMP), updated_at DATETIME,"
                        + " PRIMARY KEY (id))",
                "CREATE TABLE logs (id INTEGER NOT NULL, task_id INTEGER, message TEXT,"
                        + " created_at DATETIME DEFAULT (CURRENT_TIMESTAMP), PRIMARY KEY (id))",
                "INSERT INTO settings VALUES ('max_failure_attempts', '3')",
                "INSERT INTO tasks VALUES (1, 1, 'shop', 'o-done', 'shop', 1, 'send_sms', '{\"ref\": \"o-done\","
                        + " \"scope\": \"shop\", \"phone\": \"+300\"}', NULL, 1, 'sms', 'success', 0, 1, 5, 2, NULL,"
                        + " '2025-06-01 08:00:00', '2025-06-01 08:00:03')",
                "INSERT INTO tasks VALUES (2, 1, 'shop', 'o-waiting', 'shop', 1, 'send_sms', '{\"ref\":"
                        + " \"o-waiting\", \"scope\": \"shop\", \"phone\": \"+200\"}', NULL, NULL, NULL, 'pending',"
                        + " 0, 0, 5, 2, NULL, '2025-06-01 09:00:00', NULL)",
                "INSERT INTO logs VALUES (1, 1, 'Task Succeeded', '2025-06-01 08:00:03')" };
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
        return file;
    }

    /** A provider that keeps every body (and the last headers) it receives, by path; answers 200. */
    static final class Provider implements AutoCloseable {
        private final HttpServer server;
        private final Map<String, List<String>> bodies = new ConcurrentHashMap<>();
        private final Map<String, Map<String, String>> headers = new ConcurrentHashMap<>();

        Provider() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.createContext("/", exchange -> {
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                String path = exchange.getRequestURI().getPath();
                Map<String, String> h = new ConcurrentHashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
                headers.put(path, h);
                bodies.computeIfAbsent(path, k -> new CopyOnWriteArrayList<>()).add(body);
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        List<String> received(String path) {
            return bodies.getOrDefault(path, List.of());
        }

        Map<String, String> headers(String path) {
            return headers.getOrDefault(path, Map.of());
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
