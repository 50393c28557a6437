package io.dispatchapy.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.dispatchapy.model.queue.NewTask;
import io.dispatchapy.model.queue.TaskQueue;
import io.dispatchapy.model.testing.DatabaseCleaner;
import io.dispatchapy.model.testing.Fixtures;
import io.dispatchapy.model.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With {@code dispatchapy.outbound.deny-private-networks}, a delivery to 127.0.0.1 is refused before anything is sent.
 */
@QuarkusTest
@TestProfile(OutboundDenyTest.DenyPrivate.class)
@QuarkusTestResource(PostgresResource.class)
class OutboundDenyTest {
    static WireMockServer provider;

    @Inject
    DataSource dataSource;
    @Inject
    TaskQueue queue;

    public static class DenyPrivate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dispatchapy.outbound.deny-private-networks", "true");
        }
    }

    @BeforeAll
    static void start() {
        provider = new WireMockServer(wireMockConfig().dynamicPort());
        provider.start();
    }

    @AfterAll
    static void stop() {
        provider.stop();
    }

    @Test
    void deliveryToALoopbackProviderIsAFailedAttemptWithTheRule() {
        DatabaseCleaner.clean(dataSource);
        Fixtures db = new Fixtures(dataSource);
        db.setting("maxAttempts", "1");
        long client = db.client("shop", "dpy_deny-test");
        provider.stubFor(post("/sms").willReturn(aResponse().withStatus(200)));
        long r = db.resource("local", "http://127.0.0.1:" + provider.port() + "/sms");
        long ep = db.endpoint("send", List.of(), r);
        long id = queue.insert(new NewTask(client, "shop", ep, "send", "r-1", "s-1", "{}", false, null, null)).taskId();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "failed".equals(db.queryValue("SELECT status FROM task WHERE id = ?", id)));
        assertThat((String) db.queryValue("SELECT detail FROM task_attempt WHERE task_id = ?", id))
                .isEqualTo("Outbound call to 127.0.0.1 refused: it resolves to 127.0.0.1, a private/loopback/"
                        + "link-local address (dispatchapy.outbound.deny-private-networks)");
        provider.verify(exactly(0), anyRequestedFor(anyUrl()));
    }
}
