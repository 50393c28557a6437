package io.dispatchapy.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.dispatchapy.model.queue.NewTask;
import io.dispatchapy.model.queue.TaskQueue;
import io.dispatchapy.model.testing.DatabaseCleaner;
import io.dispatchapy.model.testing.Fixtures;
import io.dispatchapy.model.testing.PostgresResource;
import io.dispatchapy.worker.service.DeliveryPlanCache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The worker's fast path, with a poll interval and a plan cache of an hour so that only the mechanisms under test can
 * make a task move: the NOTIFY after an insert wakes an idle worker, cached plans are used, and a resource that goes
 * DOWN is dropped from them at once.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestProfile(CachedDeliveryTest.NoPollingLongCache.class)
class CachedDeliveryTest {
    public static class NoPollingLongCache implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dispatchapy.worker.poll-interval", "1h", "dispatchapy.worker.plan-cache", "1h");
        }
    }

    static WireMockServer providers;

    @Inject
    DataSource dataSource;
    @Inject
    TaskQueue queue;
    @Inject
    DeliveryPlanCache plans;
    Fixtures db;
    long clientId;

    @BeforeAll
    static void startProviders() {
        providers = new WireMockServer(wireMockConfig().dynamicPort());
        providers.start();
    }

    @AfterAll
    static void stopProviders() {
        providers.stop();
    }

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(dataSource);
        plans.invalidate(); // ids start again at 1 after the cleaning
        providers.resetAll();
        db = new Fixtures(dataSource);
        clientId = db.client("shop", "dpy_cache-test");
    }

    String url(String path) {
        return "http://127.0.0.1:" + providers.port() + path;
    }

    long submit(long endpointId, String path) {
        return queue.insert(new NewTask(clientId, "shop", endpointId, path, null, null, "{}", false, null, null))
                .taskId();
    }

    void awaitDelivered(long taskId) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "success".equals(db.queryValue("SELECT status FROM task WHERE id = ?", taskId)));
    }

    @Test
    void anIdleWorkerIsWokenByTheNotificationAfterAnInsert() {
        providers.stubFor(post("/wake").willReturn(aResponse().withStatus(200)));
        long ep = db.endpoint("wake", List.of(), db.resource("wake", url("/wake")));
        for (int i = 0; i < 3; i++) { // each one alone: the worker is idle (parked for an hour) before each
            long id = submit(ep, "wake");
            awaitDelivered(id);
        }
        providers.verify(exactly(3), postRequestedFor(urlEqualTo("/wake")));
        assertThat(db.queryValue("SELECT message FROM task_event WHERE task_id = 1"))
                .isEqualTo("Attempt 1/5 via 'wake': success (HTTP 200). Delivered.");
    }

    @Test
    void cachedPlansAreUsedUntilAResourceGoesDown() {
        providers.stubFor(post("/failing").willReturn(aResponse().withStatus(500)));
        providers.stubFor(post("/spare").willReturn(aResponse().withStatus(200)));
        providers.stubFor(post("/moved").willReturn(aResponse().withStatus(200)));
        long failing = db.resource("failing", url("/failing"));
        db.exec("UPDATE resource SET passive_threshold = 3 WHERE id = ?", failing);
        long spare = db.resource("spare", url("/spare"));
        long ep = db.endpoint("cached", List.of(), failing, spare);
        awaitDelivered(submit(ep, "cached"));

        db.exec("UPDATE resource SET url = ? WHERE id = ?", url("/moved"), spare);
        awaitDelivered(submit(ep, "cached"));
        awaitDelivered(submit(ep, "cached")); // the third failure takes 'failing' DOWN
        assertThat(db.queryValue("SELECT status FROM resource WHERE id = ?", failing)).isEqualTo("DOWN");
        providers.verify(exactly(3), postRequestedFor(urlEqualTo("/spare"))); // the cached plan
        providers.verify(exactly(0), postRequestedFor(urlEqualTo("/moved")));

        long next = submit(ep, "cached");
        awaitDelivered(next);
        assertThat(db.queryValue("SELECT string_agg(resource_name, ',') FROM task_attempt WHERE task_id = ?", next))
                .isEqualTo("spare");
        providers.verify(exactly(1), postRequestedFor(urlEqualTo("/moved"))); // read again after the DOWN
        providers.verify(exactly(3), postRequestedFor(urlEqualTo("/failing")));
    }

    @Test
    void successesSkipThePassiveResetWhileTheCountIsKnownToBeZero() {
        providers.stubFor(post("/ok").willReturn(aResponse().withStatus(200)));
        long r = db.resource("ok", url("/ok"));
        db.exec("UPDATE resource SET passive_failures = 2 WHERE id = ?", r);
        long ep = db.endpoint("ok", List.of(), r);
        awaitDelivered(submit(ep, "ok"));
        assertThat(db.count("SELECT passive_failures FROM resource WHERE id = ?", r)).isZero();

        db.exec("UPDATE resource SET passive_failures = 2 WHERE id = ?", r); // as another worker would
        awaitDelivered(submit(ep, "ok"));
        assertThat(db.count("SELECT passive_failures FROM resource WHERE id = ?", r)).isEqualTo(2);
    }
}
