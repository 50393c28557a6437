package io.dispatchapy.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.dispatchapy.model.queue.NewTask;
import io.dispatchapy.model.queue.TaskQueue;
import io.dispatchapy.model.secret.SecretBox;
import io.dispatchapy.model.testing.DatabaseCleaner;
import io.dispatchapy.model.testing.Fixtures;
import io.dispatchapy.model.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A header stored encrypted is decrypted only for the call: the provider gets the clear value, the logs never do, and a
 * value the configured keys cannot read fails that one attempt with a clear detail (nothing is sent) while the loop
 * goes on delivering other tasks.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class SecretHeaderDeliveryTest {
    static final String SECRET = "Bearer n0t-f0r-l0gs";
    static WireMockServer providers;

    @Inject
    DataSource dataSource;
    @Inject
    TaskQueue queue;
    Fixtures db;
    long clientId;
    final SecretBox box = new SecretBox(ConfigProvider.getConfig().getValue("dispatchapy.secret.key", String.class),
            List.of());
    final List<String> logged = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r.getLoggerName() + " " + r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

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
        providers.resetAll();
        db = new Fixtures(dataSource);
        clientId = db.client("shop", "dpy_secret-test");
        db.setting("maxAttempts", "1");
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void tearDown() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void theProviderGetsTheClearValueAndTheLogsDoNot() {
        providers.stubFor(post("/sms").willReturn(aResponse().withStatus(500).withBody("try later")));
        long sms = db.resource("sms", "http://127.0.0.1:" + providers.port() + "/sms");
        String sealed = box.seal(SECRET);
        // passive threshold 1: the failure takes the resource down, which is logged
        db.exec("UPDATE resource SET passive_threshold = 1, headers = jsonb_build_object('Authorization', ?::text,"
                + " 'X-Plain', 'p') WHERE id = ?", sealed, sms);
        long ep = db.endpoint("send_sms", List.of(), sms);
        long id = submit(ep, "send_sms");
        awaitStatus(id, "failed");
        providers.verify(exactly(1), postRequestedFor(urlEqualTo("/sms")).withHeader("Authorization", equalTo(SECRET))
                .withHeader("X-Plain", equalTo("p")));
        assertThat(logged).isNotEmpty().noneMatch(line -> line.contains("n0t-f0r-l0gs"))
                .noneMatch(line -> line.contains(sealed));
        assertThat((String) db.queryValue("SELECT detail FROM task_attempt WHERE task_id = ?", id))
                .doesNotContain("n0t-f0r-l0gs");
    }

    @Test
    void aValueNoConfiguredKeyCanReadFailsThatAttemptAndTheLoopGoesOn() {
        providers.stubFor(post("/sms").willReturn(aResponse().withStatus(200)));
        byte[] other = new byte[32];
        other[0] = 42;
        String foreign = new SecretBox(Base64.getEncoder().encodeToString(other), List.of()).seal(SECRET);
        long locked = db.resource("locked", "http://127.0.0.1:" + providers.port() + "/sms");
        db.exec("UPDATE resource SET headers = jsonb_build_object('Authorization', ?::text) WHERE id = ?", foreign,
                locked);
        long ep = db.endpoint("locked", List.of(), locked);
        long id = submit(ep, "locked");
        awaitStatus(id, "failed");
        providers.verify(exactly(0), postRequestedFor(urlEqualTo("/sms")));
        assertThat((String) db.queryValue("SELECT detail FROM task_attempt WHERE task_id = ?", id))
                .startsWith("Not sent: Header Authorization: ").contains("not configured")
                .contains("DISPATCHAPY_SECRET_KEY");

        long open = db.resource("open", "http://127.0.0.1:" + providers.port() + "/sms");
        long ep2 = db.endpoint("open", List.of(), open);
        long next = submit(ep2, "open");
        awaitStatus(next, "success");
    }

    long submit(long endpointId, String path) {
        return queue.insert(new NewTask(clientId, "shop", endpointId, path, "r-" + path, "s-1", "{\"to\":\"1\"}", false,
                null, null)).taskId();
    }

    void awaitStatus(long taskId, String status) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> status.equals(db.queryValue("SELECT status FROM task WHERE id = ?", taskId)));
    }
}
