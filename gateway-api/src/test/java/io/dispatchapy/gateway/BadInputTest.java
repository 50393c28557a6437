package io.dispatchapy.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.dispatchapy.model.testing.DatabaseCleaner;
import io.dispatchapy.model.testing.Fixtures;
import io.dispatchapy.model.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The bad-input suite against ingestion (issue 7): every hostile request gets its 4xx with a JSON {@code detail} (where
 * the HTTP layer answers before the application, a clean 4xx without a body), nothing is stored, no error is logged,
 * and the next good request still works. Real HTTP over sockets, real PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class BadInputTest {
    static final String TOKEN = "dpy_bad-input-shop";
    static final String OTHER_TOKEN = "dpy_bad-input-other";
    static final String GOOD = "{\"ref\":\"r\",\"scope\":\"s\",\"phone\":\"+1\",\"message\":\"hi\"}";
    static final String AUTH = "X-API-Token: " + TOKEN + "\r\nContent-Type: application/json\r\n";

    @Inject
    DataSource dataSource;
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;
    Fixtures db;
    long endpointId;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(dataSource);
        db = new Fixtures(dataSource);
        long resource = db.resource("sms", "http://127.0.0.1:9/never");
        endpointId = db.endpoint("send_sms", List.of("ref", "scope", "phone", "message"), resource);
        long other = db.endpoint("send_mail", List.of(), resource);
        db.client("shop", TOKEN, endpointId);
        db.client("other", OTHER_TOKEN, other);
    }

    long tasks() {
        return db.count("SELECT count(*) FROM task");
    }

    RawHttp.Answer post(String body) throws IOException {
        return post(body.getBytes(StandardCharsets.UTF_8));
    }

    RawHttp.Answer post(byte[] body) throws IOException {
        return RawHttp.send(port, "POST /api/send_sms HTTP/1.1", AUTH, body);
    }

    /**
     * The refusal had the status and a JSON detail containing the text, stored nothing, and the service still works.
     */
    void refused(RawHttp.Answer answer, int status, String detailPart) throws IOException {
        assertThat(answer.status()).as(answer.headers() + "\n" + answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.body()).startsWith("{\"detail\":\"").contains(detailPart);
        nothingStoredAndStillServing();
    }

    void nothingStoredAndStillServing() throws IOException {
        assertThat(tasks()).isZero();
        RawHttp.Answer good = post(GOOD);
        assertThat(good.status()).as(good.body()).isEqualTo(200);
        assertThat(tasks()).isEqualTo(1);
        db.exec("DELETE FROM task");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"ref\":", "{ref: 1}", "{\"a\":1,}", "[1,2]", "[]", "\"text\"", "42", "null", "true",
            "{\"a\":1} {\"b\":2}" })
    void brokenOrNonObjectJson(String body) throws IOException {
        refused(post(body), 422, "Request body");
    }

    @Test
    void emptyBody() throws IOException {
        refused(post(new byte[0]), 422, "empty");
    }

    @Test
    void tenMegabytesWithContentLength() throws IOException {
        try (CapturedLogs logs = CapturedLogs.start()) {
            byte[] body = ("{\"message\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
            refused(post(body), 413, "limit is 1048576 bytes");
            assertThat(logs.errors()).isEmpty();
        }
    }

    @Test
    void tenMegabytesChunked() throws IOException {
        try (CapturedLogs logs = CapturedLogs.start()) {
            refused(RawHttp.sendChunked(port, "/api/send_sms", AUTH, 10 * 1024 * 1024), 413, "limit of 1048576 bytes");
            assertThat(logs.errors()).isEmpty();
        }
    }

    @Test
    void chunkedBeyondQuarkusHardLimitStillAnswersWithDetail() throws IOException {
        // quarkus.http.limits.max-body-size is 16M: the gateway stops reading long before it
        try (CapturedLogs logs = CapturedLogs.start()) {
            refused(RawHttp.sendChunked(port, "/api/send_sms", AUTH, 20 * 1024 * 1024), 413, "limit");
            assertThat(logs.errors()).isEmpty();
        }
    }

    @Test
    void nestingDepthTenThousand() throws IOException {
        refused(post("{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"), 422,
                "nesting depth (65) exceeds the maximum allowed (64) (setting dispatchapy.gateway.max-json-depth)");
        refused(post("{\"a\":" + "{\"b\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}"), 422, "nesting depth");
    }

    @Test
    void depthWithinTheLimitIsAccepted() {
        String nested = "{\"ref\":\"r\",\"scope\":\"s\",\"phone\":\"1\",\"message\":" + "[".repeat(60) + "1"
                + "]".repeat(60) + "}";
        given().header("X-API-Token", TOKEN).body(nested).post("/api/send_sms").then().statusCode(200);
    }

    @Test
    void hundredThousandKeys() throws IOException {
        StringBuilder b = new StringBuilder("{\"ref\":\"r\",\"scope\":\"s\",\"phone\":\"1\",\"message\":\"m\"");
        for (int i = 0; i < 100_000; i++) {
            b.append(",\"").append(Integer.toString(i, 36)).append("\":0");
        }
        refused(post(b.append('}').toString()), 422, "more than 10000 keys and array elements");
    }

    @Test
    void hundredThousandArrayElements() throws IOException {
        refused(post("{\"a\":[" + "0,".repeat(99_999) + "0]}"), 422, "more than 10000 keys and array elements");
    }

    @Test
    void headerOf64KilobytesIsAClean431() throws IOException {
        // Vert.x refuses it before any application code runs: a 431 without a body (see docs/security-clients.md)
        RawHttp.Answer answer = RawHttp.send(port, "POST /api/send_sms HTTP/1.1",
                AUTH + "X-Padding: " + "a".repeat(64 * 1024) + "\r\n", GOOD.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(431);
        nothingStoredAndStillServing();
    }

    @Test
    void tokenOf64KilobytesIsAClean431() throws IOException {
        RawHttp.Answer answer = RawHttp.send(port, "POST /api/send_sms HTTP/1.1",
                "X-API-Token: dpy_" + "a".repeat(64 * 1024) + "\r\n", GOOD.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(431);
        nothingStoredAndStillServing();
    }

    @Test
    void invalidUtf8() throws IOException {
        byte[] prefix = "{\"ref\":\"r\",\"scope\":\"s\",\"phone\":\"1\",\"message\":\""
                .getBytes(StandardCharsets.UTF_8);
        byte[] bad = { (byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE };
        byte[] body = new byte[prefix.length + bad.length + 2];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(bad, 0, body, prefix.length, bad.length);
        body[body.length - 2] = '"';
        body[body.length - 1] = '}';
        refused(post(body), 422, "not valid JSON");
    }

    @Test
    void nulInValuesAndKeys() throws IOException {
        refused(post(GOOD.replace("hi", "h\\u0000i")), 422, "NUL");
        refused(post(GOOD.replace("}", ",\"k\\u0000ey\":1}")), 422, "NUL");
        // a raw NUL byte is an unescaped control character: not JSON
        refused(post(GOOD.replace("hi", "h\u0000i")), 422, "not valid JSON");
        refused(post(GOOD.replace("}", ",\"k\u0000\":1}")), 422, "not valid JSON");
    }

    @Test
    void stringOverTheLengthLimitIsRefusedEvenUnderTheBodyLimit() throws IOException {
        // the default string limit equals the body limit; the body limit answers first for the biggest ones
        refused(post("{\"message\":\"" + "x".repeat(1_048_600) + "\"}"), 413, "limit");
    }

    @Test
    void sqlAndHtmlAreStoredVerbatimAsData() {
        String sql = "'); DROP TABLE task;--";
        String html = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        String body = "{\"ref\":\"" + sql + "\",\"scope\":\"" + html + "\",\"phone\":\"1' OR '1'='1\",\"message\":\""
                + sql + html + "\",\"" + sql + "\":\"" + html + "\"}";
        int id = given().header("X-API-Token", TOKEN).header("Idempotency-Key", sql).contentType(ContentType.JSON)
                .body(body).post("/api/send_sms").then().statusCode(200).extract().path("task_id");
        assertThat(tasks()).isEqualTo(1);
        assertThat(db.queryValue("SELECT ref FROM task WHERE id = ?", (long) id)).isEqualTo(sql);
        assertThat(db.queryValue("SELECT scope FROM task WHERE id = ?", (long) id)).isEqualTo(html);
        assertThat(db.queryValue("SELECT payload->>'phone' FROM task WHERE id = ?", (long) id))
                .isEqualTo("1' OR '1'='1");
        assertThat(db.queryValue("SELECT payload->>'message' FROM task WHERE id = ?", (long) id)).isEqualTo(sql + html);
        assertThat(db.queryValue("SELECT payload->>? FROM task WHERE id = ?", sql, (long) id)).isEqualTo(html);
        assertThat(db.queryValue("SELECT idempotency_key FROM task WHERE id = ?", (long) id)).isEqualTo(sql);
        // the same key again replays instead of being interpreted
        given().header("X-API-Token", TOKEN).header("Idempotency-Key", sql).body(body).post("/api/send_sms").then()
                .statusCode(200).header("Idempotent-Replayed", "true").body("task_id", equalTo(id));
        given().header("X-API-Token", TOKEN).get("/api/tasks/" + id).then().statusCode(200).body("ref", equalTo(sql))
                .body("scope", equalTo(html));
        assertThat(tasks()).isEqualTo(1);
    }

    @Test
    void sqlInTokenAndPath() throws IOException {
        refused(RawHttp.send(port, "POST /api/send_sms HTTP/1.1", "X-API-Token: ' OR '1'='1\r\n",
                GOOD.getBytes(StandardCharsets.UTF_8)), 403, "Invalid API token for this endpoint");
        refused(RawHttp.send(port, "POST /api/send_sms'%20OR%20'1'='1 HTTP/1.1", AUTH,
                GOOD.getBytes(StandardCharsets.UTF_8)), 404, "Endpoint not found");
        assertThat(db.count("SELECT count(*) FROM client")).isEqualTo(2);
    }

    @Test
    void wrongTokensAreRefused() throws IOException {
        byte[] good = GOOD.getBytes(StandardCharsets.UTF_8);
        refused(RawHttp.send(port, "POST /api/send_sms HTTP/1.1", "", good), 401, "API token is missing");
        refused(RawHttp.send(port, "POST /api/send_sms HTTP/1.1", "X-API-Token: dpy_wrong\r\n", good), 403,
                "Invalid API token for this endpoint");
        refused(RawHttp.send(port, "POST /api/send_sms HTTP/1.1", "X-API-Token: " + OTHER_TOKEN + "\r\n", good), 403,
                "Invalid API token for this endpoint");
        refused(RawHttp.send(port, "POST /api/send_sms HTTP/1.1", "Authorization: Bearer " + OTHER_TOKEN + "\r\n",
                good), 403, "Invalid API token for this endpoint");
    }

    @Test
    void oldTokenAfterRotationWithoutGraceIsRefused() throws IOException {
        db.exec("UPDATE client SET token_hash = ?, token_prefix = 'dpy_new' WHERE name = 'shop'",
                io.dispatchapy.model.token.Tokens.hash("dpy_rotated-new"));
        RawHttp.Answer answer = post(GOOD);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo("{\"detail\":\"Invalid API token for this endpoint\"}");
        db.exec("UPDATE client SET token_hash = ? WHERE name = 'shop'", io.dispatchapy.model.token.Tokens.hash(TOKEN));
        nothingStoredAndStillServing();
    }

    @Test
    void pathTraversalAndOddPaths() throws IOException {
        byte[] good = GOOD.getBytes(StandardCharsets.UTF_8);
        // normalised by the HTTP layer to a path outside /api/: not an ingestion request at all
        for (String path : List.of("/api/../admin", "/api/%2e%2e/admin", "/api/%2E%2E/%2E%2E/etc/passwd",
                "/api/./../../../etc/passwd")) {
            RawHttp.Answer answer = RawHttp.send(port, "POST " + path + " HTTP/1.1", AUTH, good);
            assertThat(answer.status()).as(path).isIn(404, 405);
            nothingStoredAndStillServing();
        }
        // stays under /api/: an endpoint path that does not exist
        for (String path : List.of("/api/..%2Fadmin", "/api/send%2Fsms", "/api/send_sms%2F..%2F..%2Fadmin",
                "/api/send_sms/../send_mail", "/api/%00", "/api/send_sms%00", "/api/send_sms%0A", "/api/%20send_sms%09",
                "/api/" + "a".repeat(3000), "/api/%252e%252e%252fadmin")) {
            RawHttp.Answer answer = RawHttp.send(port, "POST " + path + " HTTP/1.1", AUTH, good);
            System.out
                    .println("PATHCHECK " + path.substring(0, Math.min(60, path.length())) + " -> " + answer.status());
            if (path.equals("/api/send_sms/../send_mail")) {
                // normalised to send_mail, which this client may not call
                refused(answer, 403, "Invalid API token for this endpoint");
            } else {
                refused(answer, 404, "Endpoint not found");
            }
        }
    }

    @Test
    void veryLongPathIsAClean414() throws IOException {
        RawHttp.Answer answer = RawHttp.send(port, "POST /api/" + "a".repeat(10_000) + " HTTP/1.1", AUTH,
                GOOD.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(414);
        nothingStoredAndStillServing();
    }

    @Test
    void malformedRequestLineIsAClean400() throws IOException {
        RawHttp.Answer answer = RawHttp.send(port, "POST /api/send sms HTTP/1.1", AUTH,
                GOOD.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(400);
        nothingStoredAndStillServing();
    }

    @Test
    void taskStatusWithForeignUnknownOrOddIds() throws IOException {
        int id = given().header("X-API-Token", TOKEN).body(GOOD).post("/api/send_sms").then().statusCode(200).extract()
                .path("task_id");
        given().header("X-API-Token", OTHER_TOKEN).get("/api/tasks/" + id).then().statusCode(404).body("detail",
                equalTo("Task not found"));
        for (String odd : List.of("999999999", "-1", "0", "abc", "1%20OR%201=1", "99999999999999999999999", "1'--")) {
            given().urlEncodingEnabled(false).header("X-API-Token", TOKEN).get("/api/tasks/" + odd).then()
                    .statusCode(404).body("detail", equalTo("Task not found"));
        }
        given().header("X-API-Token", "dpy_wrong").get("/api/tasks/" + id).then().statusCode(403).body("detail",
                containsString("Invalid API token"));
        given().get("/api/tasks/" + id).then().statusCode(401).body("detail", equalTo("API token is missing"));
        given().header("X-API-Token", TOKEN).get("/api/tasks/" + id).then().statusCode(200);
    }

    @Test
    void tokensAndPayloadsNeverReachTheLog() throws IOException {
        try (CapturedLogs logs = CapturedLogs.start()) {
            post(GOOD.replace("hi", "secret-payload-text"));
            RawHttp.send(port, "POST /api/send_sms HTTP/1.1", "X-API-Token: dpy_wrong-secret\r\n",
                    GOOD.getBytes(StandardCharsets.UTF_8));
            RawHttp.send(port, "POST /api/send_sms HTTP/1.1", "Authorization: Bearer dpy_bearer-secret\r\n",
                    GOOD.getBytes(StandardCharsets.UTF_8));
            post("{\"message\":\"broken-secret-payload");
            assertThat(String.join("\n", logs.all())).doesNotContain(TOKEN).doesNotContain("dpy_wrong-secret")
                    .doesNotContain("dpy_bearer-secret").doesNotContain("secret-payload-text")
                    .doesNotContain("broken-secret-payload");
        }
    }
}
