package io.dispatchapy.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dispatchapy.model.testing.DatabaseCleaner;
import io.dispatchapy.model.testing.Fixtures;
import io.dispatchapy.model.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Ingestion on the event loop ({@code IngestionRoute}): what a JAX-RS method did for free must still hold — a client
 * that waits for {@code 100 Continue} gets it (or its refusal first), path parameters are decoded as JAX-RS decoded
 * them, the HTTP metrics keep one series for all paths, and many requests at once are each answered once with their own
 * task.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class IngestionRouteTest {
    static final String TOKEN = "dpy_route-shop";
    static final String BODY = "{\"phone\":\"+1\",\"message\":\"hi\"}";

    @Inject
    DataSource dataSource;
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;
    Fixtures db;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(dataSource);
        db = new Fixtures(dataSource);
        long resource = db.resource("sms", "http://127.0.0.1:9/never");
        long sms = db.endpoint("send_sms", List.of("phone"), resource);
        long odd = db.endpoint("v1/send_sms+fast", List.of(), resource);
        db.client("shop", TOKEN, sms, odd);
    }

    @Test
    void aClientWaitingForContinueGetsItThenItsAnswer() throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(head("Expect: 100-continue\r\nContent-Length: " + body.length + "\r\n"));
            out.flush();
            InputStream in = s.getInputStream();
            assertThat(readHead(in)).startsWith("HTTP/1.1 100");
            out.write(body);
            out.flush();
            String answer = readAll(in);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("\"status\":\"queued\"");
        }
        assertThat(db.count("SELECT count(*) FROM task")).isEqualTo(1);
    }

    @Test
    void aBodyDeclaredTooLongIsRefusedInsteadOfContinued() throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(head("Expect: 100-continue\r\nContent-Length: 50000000\r\n"));
            s.getOutputStream().flush();
            String answer = readAll(s.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413").doesNotContain("100 Continue")
                    .contains("\"detail\":\"Request body is 50000000 bytes; the limit is 1048576 bytes\"");
        }
        assertThat(db.count("SELECT count(*) FROM task")).isZero();
    }

    @Test
    void thePathIsPercentDecodedAndAPlusStaysAPlus() {
        int id = given().header("X-API-Token", TOKEN).contentType(ContentType.JSON).body("{}").urlEncodingEnabled(false)
                .post("/api/v1/send%20sms+fast").then().statusCode(200).extract().path("task_id");
        assertThat(db.queryValue("SELECT endpoint_path FROM task WHERE id = ?", (long) id))
                .isEqualTo("v1/send_sms+fast"); // a space in a path becomes _, as in the seed
        given().header("X-API-Token", TOKEN).contentType(ContentType.JSON).body("{}").urlEncodingEnabled(false)
                .post("/api/v1/send%20sms%20fast").then().statusCode(404);
    }

    @Test
    void otherMethodsThanPostAreRefusedButTaskStatusStillAnswers() {
        int id = given().header("X-API-Token", TOKEN).contentType(ContentType.JSON).body(BODY).post("/api/send_sms")
                .then().statusCode(200).extract().path("task_id");
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            given().header("X-API-Token", TOKEN).contentType(ContentType.JSON).body(BODY)
                    .request(method, "/api/send_sms").then().statusCode(405).header("Allow", "POST")
                    .body("detail", org.hamcrest.Matchers.containsString("POST"));
        }
        given().header("X-API-Token", TOKEN).head("/api/send_sms").then().statusCode(405).header("Allow", "POST");
        for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS")) {
            given().header("X-API-Token", TOKEN).request(method, "/api/tasks/" + id).then().statusCode(405)
                    .header("Allow", "GET, HEAD").body("detail", org.hamcrest.Matchers.containsString("GET"));
        }
        given().header("X-API-Token", TOKEN).get("/api/tasks/" + id).then().statusCode(200);
        given().header("X-API-Token", TOKEN).head("/api/tasks/" + id).then().statusCode(200);
        given().header("X-API-Token", TOKEN).get("/api/tasks/999999").then().statusCode(404);
        assertThat(db.count("SELECT count(*) FROM task")).isEqualTo(1);
    }

    @Test
    void httpMetricsKeepOneSeriesForEveryPath() {
        for (String path : List.of("/api/x-one", "/api/x-two", "/api/send_sms")) {
            given().header("X-API-Token", TOKEN).contentType(ContentType.JSON).body("{broken").post(path).then()
                    .statusCode(422);
        }
        given().header("X-API-Token", TOKEN).contentType(ContentType.JSON).body(BODY).post("/api/send_sms").then()
                .statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("status=\"200\",uri=\"/api/{path}\"")
                .contains("status=\"422\",uri=\"/api/{path}\"").doesNotContain("x-one").doesNotContain("x-two")
                .doesNotContain("status=\"200\",uri=\"/api/send_sms\"");
    }

    @Test
    void manyRequestsAtOnceAreEachAnsweredWithTheirOwnTask() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> ids = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String body = "{\"phone\":\"+1\",\"n\":" + i + "}";
                ids.add(clients.submit(() -> given().header("X-API-Token", TOKEN).contentType(ContentType.JSON)
                        .body(body).post("/api/send_sms").then().statusCode(200).extract().<Integer> path("task_id")));
            }
            List<Integer> got = new ArrayList<>();
            for (Future<Integer> f : ids) {
                got.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(got).doesNotHaveDuplicates().hasSize(400);
            assertThat(db.count("SELECT count(*) FROM task")).isEqualTo(400);
            assertThat(db.count("SELECT count(DISTINCT payload->>'n') FROM task")).isEqualTo(400);
        } finally {
            clients.shutdownNow();
        }
    }

    static byte[] head(String headers) {
        return ("POST /api/send_sms HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-API-Token: " + TOKEN
                + "\r\nContent-Type: application/json\r\n" + headers + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Reads one response head (up to the blank line). */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = { '\r', '\n', '\r', '\n' };
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (IOException reset) {
            // a reset after the answer: keep what arrived
        }
        return all.toString(StandardCharsets.UTF_8);
    }
}
