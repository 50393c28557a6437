package io.dispatchapy.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dispatchapy.model.testing.DatabaseCleaner;
import io.dispatchapy.model.testing.Fixtures;
import io.dispatchapy.model.testing.PostgresResource;
import io.dispatchapy.model.token.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The previous token of a client, rotated with a grace period, works until it expires (same endpoint links, same
 * tasks); after the expiry or without grace it is refused like any unknown token.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class TokenGraceTest {
    static final String NEW = "dpy_grace-new";
    static final String OLD = "dpy_grace-old";
    static final String BODY = "{\"ref\":\"r\",\"scope\":\"s\"}";

    @Inject
    DataSource dataSource;
    Fixtures db;
    long clientId;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(dataSource);
        db = new Fixtures(dataSource);
        long resource = db.resource("sms", "http://127.0.0.1:9/never");
        long endpoint = db.endpoint("send", List.of("ref", "scope"), resource);
        db.endpoint("elsewhere", List.of(), resource);
        clientId = db.client("shop", NEW, endpoint);
    }

    void previousToken(String token, String expiresAt) {
        db.exec("UPDATE client SET previous_token_hash = ?, previous_token_prefix = ?, previous_token_expires_at = "
                + expiresAt + " WHERE id = ?", Tokens.hash(token), Tokens.visiblePrefix(token), clientId);
    }

    long tasks() {
        return db.count("SELECT count(*) FROM task");
    }

    @Test
    void previousTokenWorksWithinTheGracePeriod() {
        previousToken(OLD, "now() + interval '1 hour'");
        int id = given().header("X-API-Token", OLD).body(BODY).post("/api/send").then().statusCode(200).extract()
                .path("task_id");
        assertThat(db.queryValue("SELECT client_id FROM task WHERE id = ?", (long) id)).isEqualTo(clientId);
        given().header("Authorization", "Bearer " + OLD).body(BODY).post("/api/send").then().statusCode(200);
        given().header("X-API-Token", NEW).body(BODY).post("/api/send").then().statusCode(200);
        // the same links: not an endpoint the client is not linked to
        given().header("X-API-Token", OLD).body(BODY).post("/api/elsewhere").then().statusCode(403);
        // and the same tasks, with either token
        given().header("X-API-Token", OLD).get("/api/tasks/" + id).then().statusCode(200).body("taskId", equalTo(id));
        given().header("X-API-Token", NEW).get("/api/tasks/" + id).then().statusCode(200);
        assertThat(tasks()).isEqualTo(3);
    }

    @Test
    void previousTokenIsRefusedAfterTheExpiry() {
        previousToken(OLD, "now() - interval '1 second'");
        given().header("X-API-Token", OLD).body(BODY).post("/api/send").then().statusCode(403).body("detail",
                equalTo("Invalid API token for this endpoint"));
        given().header("X-API-Token", OLD).get("/api/tasks/1").then().statusCode(403);
        given().header("X-API-Token", NEW).body(BODY).post("/api/send").then().statusCode(200);
        assertThat(tasks()).isEqualTo(1);
    }

    @Test
    void withoutGraceOnlyTheCurrentTokenWorks() {
        given().header("X-API-Token", OLD).body(BODY).post("/api/send").then().statusCode(403);
        given().header("X-API-Token", NEW).body(BODY).post("/api/send").then().statusCode(200);
        assertThat(tasks()).isEqualTo(1);
    }
}
