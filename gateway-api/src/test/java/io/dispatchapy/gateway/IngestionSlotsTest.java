package io.dispatchapy.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dispatchapy.model.testing.DatabaseCleaner;
import io.dispatchapy.model.testing.Fixtures;
import io.dispatchapy.model.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * With one database slot for ingestion: while one request holds it (its insert waits on a table lock the test takes),
 * the next request waits for the slot, then gets 503 with {@code Retry-After} and a detail, and nothing of it is
 * stored; the first request completes once the lock is gone, and the slot serves the next request again.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestProfile(IngestionSlotsTest.OneSlot.class)
class IngestionSlotsTest {
    public static class OneSlot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dispatchapy.gateway.database-slots", "1", "dispatchapy.gateway.database-slot-wait", "300ms");
        }
    }

    static final String TOKEN = "dpy_slots";

    @Inject
    DataSource dataSource;
    Fixtures db;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(dataSource);
        db = new Fixtures(dataSource);
        long resource = db.resource("sms", "http://127.0.0.1:9/never");
        db.client("shop", TOKEN, db.endpoint("slots", List.of(), resource));
    }

    Response send(String ref) {
        return given().header("X-API-Token", TOKEN).body("{\"ref\":\"" + ref + "\"}").post("/api/slots");
    }

    @Test
    void aRequestOverTheBoundWaitsThenGets503AndNothingIsStored() throws Exception {
        CompletableFuture<Response> first;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement st = lock.createStatement()) {
                st.execute("LOCK TABLE task IN EXCLUSIVE MODE");
            }
            first = CompletableFuture.supplyAsync(() -> send("first"));
            // the first request holds the only slot while its insert waits for the lock
            await().atMost(Duration.ofSeconds(10)).until(() -> db.count(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO task%'") == 1);
            send("second").then().statusCode(503).header("Retry-After", "1").body("detail",
                    equalTo("The gateway is busy; retry later"));
            lock.rollback();
        }
        first.get().then().statusCode(200).body("status", equalTo("queued"));
        send("third").then().statusCode(200);
        assertThat(db.queryValue("SELECT string_agg(ref, ',' ORDER BY id) FROM task")).isEqualTo("first,third");
    }
}
