package io.dispatchapy.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

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

/** Every case of the ingestion table in API.md §1, each checked in the answer and in the database. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class IngestionTest {
    static final String TOKEN = "dpy_test-token-shop";
    static final String OTHER_TOKEN = "dpy_test-token-other";
    static final String BODY = "{\"ref\":\"order-1\",\"scope\":\"shop\",\"phone\":\"+100\",\"message\":\"hi\"}";

    @Inject
    DataSource dataSource;
    Fixtures db;
    long endpointId;
    long clientId;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(dataSource);
        db = new Fixtures(dataSource);
        long resource = db.resource("sms", "http://127.0.0.1:9/never");
        endpointId = db.endpoint("send_sms", List.of("ref", "scope", "phone", "message"), resource);
        long other = db.endpoint("send_mail", List.of("ref", "scope"), resource);
        clientId = db.client("shop", TOKEN, endpointId);
        db.client("other", OTHER_TOKEN, other);
    }

    long tasks() {
        return db.count("SELECT count(*) FROM task");
    }

    @Test
    void storesTaskAndAnswersQueued() {
        String raw = given().header("X-API-Token", TOKEN).contentType(ContentType.JSON).body(BODY).post("/api/send_sms")
                .then().statusCode(200).extract().asString();
        // clients of the original may compare the text: the seed's key order
        assertThat(raw).matches("\\{\"status\":\"queued\",\"task_id\":\\d+}");
        int id = given().header("X-API-Token", TOKEN).contentType(ContentType.JSON).body(BODY).post("/api/send_sms")
                .then().statusCode(200).body("status", equalTo("queued")).body("task_id", notNullValue()).extract()
                .path("task_id");
        assertThat(db.queryValue("SELECT status FROM task WHERE id = ?", (long) id)).isEqualTo("pending");
        assertThat(db.queryValue("SELECT ref || '/' || scope FROM task WHERE id = ?", (long) id))
                .isEqualTo("order-1/shop");
        assertThat(db.queryValue("SELECT payload->>'phone' FROM task WHERE id = ?", (long) id)).isEqualTo("+100");
        assertThat(db.queryValue("SELECT client_id FROM task WHERE id = ?", (long) id)).isEqualTo(clientId);
        assertThat(db.count("SELECT max_attempts FROM task WHERE id = ?", (long) id)).isEqualTo(5);
        assertThat(tasks()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = { "token", "access_token", "access-token", "x_api_token", "X-Api-Token" })
    void acceptsTheSeedTokenHeaders(String header) {
        given().header(header, TOKEN).body(BODY).post("/api/send_sms").then().statusCode(200);
        assertThat(tasks()).isEqualTo(1);
    }

    @Test
    void acceptsAuthorizationBearerAndRaw() {
        given().header("Authorization", "Bearer " + TOKEN).body(BODY).post("/api/send_sms").then().statusCode(200);
        given().header("Authorization", TOKEN).body(BODY).post("/api/send_sms").then().statusCode(200);
        assertThat(tasks()).isEqualTo(2);
    }

    @Test
    void acceptsTheLegacySingleEndpointLink() {
        long legacy = db.client("legacy", "dpy_legacy");
        db.exec("UPDATE client SET legacy_endpoint_id = ? WHERE id = ?", endpointId, legacy);
        given().header("X-API-Token", "dpy_legacy").body(BODY).post("/api/send_sms").then().statusCode(200);
        assertThat(tasks()).isEqualTo(1);
    }

    @Test
    void pathIsNormalisedAndMayContainSlashes() {
        long resource = db.resource("hook", "http://127.0.0.1:9/hook");
        long nested = db.endpoint("v1/notify/user", List.of(), resource);
        db.exec("INSERT INTO client_endpoint (client_id, endpoint_id) VALUES (?, ?)", clientId, nested);
        given().header("X-API-Token", TOKEN).body("{}").post("/api/v1/notify/user").then().statusCode(200);
        assertThat(db.queryValue("SELECT endpoint_path FROM task")).isEqualTo("v1/notify/user");
    }

    @Test
    void heldByEndpointDevMode() {
        db.exec("UPDATE endpoint SET dev_mode = true, dev_hold_tasks = true WHERE id = ?", endpointId);
        int id = given().header("X-API-Token", TOKEN).body(BODY).post("/api/send_sms").then().statusCode(200)
                .body("status", equalTo("held")).extract().path("task_id");
        assertThat(db.queryValue("SELECT status FROM task WHERE id = ?", (long) id)).isEqualTo("held");
    }

    @Test
    void holdFlagWithoutDevModeDoesNotHold() {
        db.exec("UPDATE endpoint SET dev_mode = false, dev_hold_tasks = true WHERE id = ?", endpointId);
        given().header("X-API-Token", TOKEN).body(BODY).post("/api/send_sms").then().body("status", equalTo("queued"));
    }

    @Test
    void heldByClientHold() {
        db.exec("UPDATE client SET dev_hold_tasks = true WHERE id = ?", clientId);
        given().header("X-API-Token", TOKEN).body(BODY).post("/api/send_sms").then().statusCode(200).body("status",
                equalTo("held"));
        assertThat(db.queryValue("SELECT status FROM task")).isEqualTo("held");
    }

    @Test
    void idempotencyKeyReplaysTheFirstAnswer() {
        int first = given().header("X-API-Token", TOKEN).header("Idempotency-Key", "k-1").body(BODY)
                .post("/api/send_sms").then().statusCode(200).extract().path("task_id");
        // same JSON, other whitespace: still the same request
        given().header("X-API-Token", TOKEN).header("Idempotency-Key", "k-1").body(BODY.replace(",", ", "))
                .post("/api/send_sms").then().statusCode(200).header("Idempotent-Replayed", "true")
                .body("task_id", equalTo(first)).body("status", equalTo("queued"));
        assertThat(tasks()).isEqualTo(1);
    }

    @Test
    void idempotencyKeyWithAnotherBodyIsRefused() {
        given().header("X-API-Token", TOKEN).header("Idempotency-Key", "k-2").body(BODY).post("/api/send_sms").then()
                .statusCode(200);
        given().header("X-API-Token", TOKEN).header("Idempotency-Key", "k-2").body(BODY.replace("hi", "bye"))
                .post("/api/send_sms").then().statusCode(422)
                .body("detail", org.hamcrest.Matchers.containsString("k-2"));
        assertThat(tasks()).isEqualTo(1);
    }

    @Test
    void invalidIdempotencyKeyIsRefused() {
        given().header("X-API-Token", TOKEN).header("Idempotency-Key", "x".repeat(256)).body(BODY).post("/api/send_sms")
                .then().statusCode(400);
        assertThat(tasks()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = { "{not json", "[1,2]", "\"text\"", "42", "null", "", "{\"a\":1} trailing",
            "{\"a\":1,\"a\":2}" })
    void bodyMustBeAJsonObject(String body) {
        given().header("X-API-Token", TOKEN).body(body).post("/api/send_sms").then().statusCode(422).body("detail",
                notNullValue());
        assertThat(tasks()).isZero();
    }

    @Test
    void nulCharacterIsRefusedNotStored() {
        given().header("X-API-Token", TOKEN).body(BODY.replace("hi", "h\\u0000i")).post("/api/send_sms").then()
                .statusCode(422);
        assertThat(tasks()).isZero();
    }

    @Test
    void bodyOverTheLimitIs413() {
        String big = "{\"ref\":\"r\",\"scope\":\"s\",\"phone\":\"1\",\"message\":\"" + "x".repeat(1_100_000) + "\"}";
        given().header("X-API-Token", TOKEN).body(big).post("/api/send_sms").then().statusCode(413).body("detail",
                org.hamcrest.Matchers.containsString("limit"));
        assertThat(tasks()).isZero();
    }

    @Test
    void unknownOrInactiveEndpointIs404() {
        given().header("X-API-Token", TOKEN).body(BODY).post("/api/nope").then().statusCode(404).body("detail",
                equalTo("Endpoint not found"));
        db.exec("UPDATE endpoint SET active = false WHERE id = ?", endpointId);
        given().header("X-API-Token", TOKEN).body(BODY).post("/api/send_sms").then().statusCode(404).body("detail",
                equalTo("Endpoint not found"));
        assertThat(tasks()).isZero();
    }

    @Test
    void missingTokenIs401() {
        given().body(BODY).post("/api/send_sms").then().statusCode(401).body("detail", equalTo("API token is missing"));
        assertThat(tasks()).isZero();
    }

    @Test
    void unknownTokenOrTokenOfAnotherEndpointIs403() {
        given().header("X-API-Token", "dpy_nobody").body(BODY).post("/api/send_sms").then().statusCode(403)
                .body("detail", equalTo("Invalid API token for this endpoint"));
        given().header("X-API-Token", OTHER_TOKEN).body(BODY).post("/api/send_sms").then().statusCode(403)
                .body("detail", equalTo("Invalid API token for this endpoint"));
        assertThat(tasks()).isZero();
    }

    @Test
    void firstMissingRequiredParameterIsNamed() {
        given().header("X-API-Token", TOKEN).body("{\"ref\":\"r\",\"scope\":\"s\",\"message\":\"m\"}")
                .post("/api/send_sms").then().statusCode(400)
                .body("detail", equalTo("Missing required parameter: phone"));
        // present with null is accepted, as in the seed
        given().header("X-API-Token", TOKEN).body("{\"ref\":\"r\",\"scope\":\"s\",\"phone\":null,\"message\":\"m\"}")
                .post("/api/send_sms").then().statusCode(200);
        assertThat(tasks()).isEqualTo(1);
    }

    @Test
    void refAndScopeAreOrdinaryParameters() {
        long resource = db.resource("plain", "http://127.0.0.1:9/plain");
        long free = db.endpoint("free", List.of(), resource);
        db.exec("INSERT INTO client_endpoint (client_id, endpoint_id) VALUES (?, ?)", clientId, free);
        given().header("X-API-Token", TOKEN).body("{\"x\":1}").post("/api/free").then().statusCode(200);
    }

    @Test
    void clientReadsItsOwnTaskOnly() {
        int id = given().header("X-API-Token", TOKEN).body(BODY).post("/api/send_sms").then().extract().path("task_id");
        given().header("X-API-Token", TOKEN).get("/api/tasks/" + id).then().statusCode(200).body("taskId", equalTo(id))
                .body("status", equalTo("pending")).body("attempts", equalTo(0)).body("maxAttempts", equalTo(5))
                .body("ref", equalTo("order-1")).body("scope", equalTo("shop")).body("createdAt", notNullValue());
        given().header("X-API-Token", OTHER_TOKEN).get("/api/tasks/" + id).then().statusCode(404);
        given().get("/api/tasks/" + id).then().statusCode(401);
        given().header("X-API-Token", "dpy_unknown").get("/api/tasks/" + id).then().statusCode(403);
        given().header("X-API-Token", TOKEN).get("/api/tasks/999999").then().statusCode(404);
    }
}
