package io.dispatchapy.health;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.dispatchapy.model.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class SchedulingTest extends HealthTestSupport {
    @jakarta.inject.Inject
    io.dispatchapy.model.health.HealthLedger ledger;
    static WireMockServer http;

    @BeforeAll
    static void start() {
        http = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(20));
        http.start();
    }

    @AfterAll
    static void stop() {
        http.stop();
    }

    @Test
    void aSlowProviderDoesNotDelayTheChecksOfOthers() {
        http.stubFor(get("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(6000)));
        http.stubFor(get("/fast").willReturn(aResponse().withStatus(200)));
        long slow = checkedResource("slow", "http://127.0.0.1:" + http.port() + "/slow");
        long fast = checkedResource("fast", "http://127.0.0.1:" + http.port() + "/fast");
        // while the slow check hangs, the fast resource keeps being checked every second
        await().atMost(Duration.ofSeconds(5))
                .until(() -> db.count("SELECT count(*) FROM health_check WHERE resource_id = ?", fast) >= 3);
        assertThat(db.count("SELECT count(*) FROM health_check WHERE resource_id = ?", slow)).isZero();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> db.count("SELECT count(*) FROM health_check WHERE resource_id = ?", slow) >= 1);
    }

    @Test
    void aResourceDownWithoutActiveChecksGetsAHalfOpenRetry() {
        long id = db.resource("no-checks", "http://127.0.0.1:9/x");
        db.exec("UPDATE resource SET status = 'DOWN', status_changed_at = now() - interval '2 minutes', "
                + "passive_threshold = 5, passive_failures = 7 WHERE id = ?", id);
        long recent = db.resource("recently-down", "http://127.0.0.1:9/y");
        db.exec("UPDATE resource SET status = 'DOWN', status_changed_at = now() WHERE id = ?", recent);

        await().atMost(Duration.ofSeconds(5)).until(() -> "UP".equals(status(id)));
        assertThat(db.queryValue("SELECT reason FROM resource_status_change WHERE resource_id = ?", id))
                .isEqualTo("half-open");
        // one more delivery failure opens it again
        assertThat(db.count("SELECT passive_failures FROM resource WHERE id = ?", id)).isEqualTo(4);
        assertThat(status(recent)).isEqualTo("DOWN");

        assertThat(ledger.recordDeliveryFailure(id, "HTTP 503")).isTrue();
        assertThat(status(id)).isEqualTo("DOWN");
        assertThat((String) db.queryValue(
                "SELECT detail FROM resource_status_change WHERE resource_id = ? " + "ORDER BY id DESC LIMIT 1", id))
                        .startsWith("delivery failed again after the half-open retry");
    }
}
