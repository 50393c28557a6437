package io.dispatchapy.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dispatchapy.model.testing.DatabaseCleaner;
import io.dispatchapy.model.testing.Fixtures;
import io.dispatchapy.model.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Per-client ingestion rate limit: 429 with Retry-After and a detail, nothing stored, other clients unaffected. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class RateLimitTest {
    static final String BODY = "{\"ref\":\"r\",\"scope\":\"s\"}";

    @Inject
    DataSource dataSource;
    Fixtures db;
    long endpointId;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(dataSource);
        db = new Fixtures(dataSource);
        long resource = db.resource("sms", "http://127.0.0.1:9/never");
        endpointId = db.endpoint("send", List.of("ref", "scope"), resource);
    }

    long tasksOf(long clientId) {
        return db.count("SELECT count(*) FROM task WHERE client_id = ?", clientId);
    }

    Response send(String token) {
        return given().header("X-API-Token", token).body(BODY).post("/api/send");
    }

    /** Sends until the first 429 (at 1 per second with a burst of 3 it comes at the 4th unless a second passed). */
    int acceptedBeforeRefusal(String token) {
        for (int accepted = 0; accepted < 50; accepted++) {
            Response r = send(token);
            if (r.statusCode() == 429) {
                long retryAfter = Long.parseLong(r.header("Retry-After"));
                assertThat(retryAfter).isBetween(1L, 2L);
                assertThat(r.contentType()).startsWith("application/json");
                assertThat(r.jsonPath().getString("detail")).contains("Rate limit exceeded")
                        .contains("1 requests per second");
                return accepted;
            }
            assertThat(r.statusCode()).isEqualTo(200);
        }
        throw new AssertionError("never limited");
    }

    @Test
    void overTheLimitIs429WithRetryAfterAndNothingStored() {
        long limited = db.client("limited", "dpy_rate-limited", endpointId);
        db.exec("UPDATE client SET rate_limit_per_second = 1, rate_limit_burst = 3 WHERE id = ?", limited);
        int accepted = acceptedBeforeRefusal("dpy_rate-limited");
        assertThat(accepted).isGreaterThanOrEqualTo(3);
        assertThat(tasksOf(limited)).isEqualTo(accepted);
    }

    @Test
    void otherClientsAndUnauthenticatedFloodsDoNotDrainTheBucket() {
        long limited = db.client("limited2", "dpy_rate-limited-2", endpointId);
        long free = db.client("free", "dpy_rate-free", endpointId);
        db.exec("UPDATE client SET rate_limit_per_second = 1, rate_limit_burst = 3 WHERE id = ?", limited);
        for (int i = 0; i < 20; i++) {
            // wrong tokens and a client without its own limit (default: unlimited) never touch the bucket
            given().header("X-API-Token", "dpy_rate-wrong").body(BODY).post("/api/send").then().statusCode(403);
            send("dpy_rate-free").then().statusCode(200);
        }
        assertThat(tasksOf(free)).isEqualTo(20);
        assertThat(acceptedBeforeRefusal("dpy_rate-limited-2")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void idempotentReplaysCount() {
        long limited = db.client("limited3", "dpy_rate-limited-3", endpointId);
        db.exec("UPDATE client SET rate_limit_per_second = 1, rate_limit_burst = 2 WHERE id = ?", limited);
        int status = 0;
        int replays = 0;
        for (int i = 0; i < 50 && status != 429; i++) {
            status = given().header("X-API-Token", "dpy_rate-limited-3").header("Idempotency-Key", "same").body(BODY)
                    .post("/api/send").statusCode();
            replays += status == 200 ? 1 : 0;
        }
        assertThat(status).isEqualTo(429);
        assertThat(replays).isGreaterThanOrEqualTo(2);
        assertThat(tasksOf(limited)).isEqualTo(1);
    }

    @Test
    void zeroMeansUnlimitedAndAChangedLimitTakesEffect() {
        long client = db.client("zero", "dpy_rate-zero", endpointId);
        db.exec("UPDATE client SET rate_limit_per_second = 0, rate_limit_burst = 1 WHERE id = ?", client);
        for (int i = 0; i < 20; i++) {
            send("dpy_rate-zero").then().statusCode(200);
        }
        db.exec("UPDATE client SET rate_limit_per_second = 1, rate_limit_burst = 1 WHERE id = ?", client);
        send("dpy_rate-zero").then().statusCode(200);
        Response second = send("dpy_rate-zero");
        // a second may have passed on a slow machine; then the one after is refused
        if (second.statusCode() == 200) {
            second = send("dpy_rate-zero");
        }
        second.then().statusCode(429).body("detail", containsString("burst 1"));
    }
}
