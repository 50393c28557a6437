package io.dispatchapy.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Delivery through the real worker loop, real PostgreSQL and real HTTP providers (WireMock). */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class DeliveryTest {
    static WireMockServer providers;

    @Inject
    DataSource dataSource;
    @Inject
    TaskQueue queue;
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
        providers.resetAll();
        db = new Fixtures(dataSource);
        clientId = db.client("shop", "dpy_worker-test");
        db.setting("retryDelayMinSeconds", "1");
        db.setting("retryDelayMaxSeconds", "2");
    }

    String url(String path) {
        return "http://127.0.0.1:" + providers.port() + path;
    }

    long submit(long endpointId, String path, String payload) {
        return queue.insert(new NewTask(clientId, "shop", endpointId, path, "r-1", "s-1", payload, false, null, null))
                .taskId();
    }

    String status(long taskId) {
        return (String) db.queryValue("SELECT status FROM task WHERE id = ?", taskId);
    }

    void awaitStatus(long taskId, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> status.equals(status(taskId)));
    }

    @Test
    void sendsMappedJsonWithHeadersAndIdempotencyKey() {
        providers.stubFor(post("/sms").willReturn(aResponse().withStatus(200).withBody("{\"id\":\"p-1\"}")));
        long sms = db.resource("sms", url("/sms"));
        db.exec("UPDATE resource SET headers = '{\"Authorization\":\"Bearer k-1\",\"X-Tenant\":\"t\"}' WHERE id = ?",
                sms);
        long ep = db.endpoint("send_sms", List.of("phone", "message"), sms);
        db.mapping(ep, sms, "recipient.number", "field", "user.phone");
        db.mapping(ep, sms, "text", "template", "Hi {name}: {message}");
        db.mapping(ep, sms, "channel", "constant", "sms");
        db.mapping(ep, sms, "message_id", "uuid", null);
        db.mapping(ep, sms, "count", "field", "count");
        long id = submit(ep, "send_sms",
                "{\"user\":{\"phone\":\"+100\"},\"name\":\"Ann\",\"message\":\"yo\",\"count\":3}");

        awaitStatus(id, "success");
        providers.verify(exactly(1),
                postRequestedFor(urlEqualTo("/sms")).withHeader("Idempotency-Key", equalTo(String.valueOf(id)))
                        .withHeader("Authorization", equalTo("Bearer k-1")).withHeader("X-Tenant", equalTo("t"))
                        .withHeader("Content-Type", equalTo("application/json"))
                        .withRequestBody(matchingJsonPath("$.recipient.number", equalTo("+100")))
                        .withRequestBody(matchingJsonPath("$.text", equalTo("Hi Ann: yo")))
                        .withRequestBody(matchingJsonPath("$.channel", equalTo("sms")))
                        .withRequestBody(matchingJsonPath("$.message_id"))
                        .withRequestBody(matchingJsonPath("$.count", equalTo("3")))
                        .withRequestBody(matchingJsonPath("$._raw.user.phone", equalTo("+100"))));
        assertThat(db.queryValue("SELECT (target_payload->'count')::text FROM task WHERE id = ?", id)).isEqualTo("3");
        assertThat(db.count("SELECT count(*) FROM task_attempt WHERE task_id = ? AND outcome = 'success' "
                + "AND status_code = 200 AND detail LIKE '%p-1%'", id)).isEqualTo(1);
    }

    @Test
    void sendsFormBodyWithConfiguredMethod() {
        providers.stubFor(patch("/mail").willReturn(aResponse().withStatus(202)));
        long mail = db.resource("mail", url("/mail"));
        db.exec("UPDATE resource SET body_format = 'form', method = 'PATCH', include_raw = false WHERE id = ?", mail);
        long ep = db.endpoint("send_mail", List.of(), mail);
        db.mapping(ep, mail, "To", "field", "to");
        db.mapping(ep, mail, "Body", "field", "text");
        long id = submit(ep, "send_mail", "{\"to\":\"a@b.c\",\"text\":\"hello world & more\"}");

        awaitStatus(id, "success");
        providers.verify(exactly(1),
                patchRequestedFor(urlEqualTo("/mail"))
                        .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                        .withRequestBody(equalTo("To=a%40b.c&Body=hello+world+%26+more")));
    }

    @Test
    void forwardsThePayloadUnchangedWithoutMappings() {
        providers.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
        long hook = db.resource("hook", url("/hook"));
        long ep = db.endpoint("notify", List.of(), hook);
        long id = submit(ep, "notify", "{\"a\":1,\"b\":{\"c\":[true,null]}}");
        awaitStatus(id, "success");
        providers.verify(postRequestedFor(urlEqualTo("/hook"))
                .withRequestBody(equalToJson("{\"a\":1,\"b\":{\"c\":[true,null]}}")));
    }

    @Test
    void failsOverToTheNextResourceAtOnce() {
        providers.stubFor(post("/primary").willReturn(aResponse().withStatus(503).withBody("maintenance")));
        providers.stubFor(post("/backup").willReturn(aResponse().withStatus(200)));
        long primary = db.resource("primary", url("/primary"));
        long backup = db.resource("backup", url("/backup"));
        long ep = db.endpoint("failover", List.of(), primary, backup);
        long id = submit(ep, "failover", "{\"x\":1}");

        awaitStatus(id, "success");
        assertThat(db.queryValue("SELECT string_agg(resource_name || ':' || outcome || ':' || status_code, ',' "
                + "ORDER BY attempt_no) FROM task_attempt WHERE task_id = ?", id))
                        .isEqualTo("primary:failed:503,backup:success:200");
        assertThat(db.queryValue("SELECT detail FROM task_attempt WHERE task_id = ? AND attempt_no = 1", id))
                .isEqualTo("maintenance");
        assertThat(db.queryValue("SELECT resource_name FROM task WHERE id = ?", id)).isEqualTo("backup");
        assertThat(db.count("SELECT attempts FROM task WHERE id = ?", id)).isEqualTo(2);
    }

    @Test
    void spendsExactlyTheBudgetAcrossResourcesAndPassesWithBackoff() {
        db.setting("maxAttempts", "5");
        providers.stubFor(post("/a").willReturn(aResponse().withStatus(500).withBody("a down")));
        providers.stubFor(post("/b").willReturn(aResponse().withStatus(502).withBody("b down")));
        long a = db.resource("a", url("/a"));
        long b = db.resource("b", url("/b"));
        long ep = db.endpoint("budget", List.of(), a, b);
        long id = submit(ep, "budget", "{\"x\":1}");

        awaitStatus(id, "failed");
        assertThat(db.queryValue(
                "SELECT string_agg(resource_name, ',' ORDER BY attempt_no) FROM task_attempt " + "WHERE task_id = ?",
                id)).isEqualTo("a,b,a,b,a");
        assertThat((String) db.queryValue("SELECT last_error FROM task WHERE id = ?", id))
                .contains("Max attempts reached (5/5)").contains("a: HTTP 500 a down");
        // within a pass the next resource is tried at once; between passes the backoff (1..2 s) applies
        List<Instant> starts = attemptStarts(id);
        assertThat(Duration.between(starts.get(0), starts.get(1))).isLessThan(Duration.ofMillis(900));
        for (int pass : new int[] { 1, 3 }) {
            Duration gap = Duration.between(starts.get(pass), starts.get(pass + 1));
            assertThat(gap).isBetween(Duration.ofMillis(950), Duration.ofMillis(3500));
        }
    }

    List<Instant> attemptStarts(long id) {
        String csv = (String) db.queryValue("SELECT string_agg((extract(epoch FROM started_at) * 1000)::bigint::text,"
                + " ',' ORDER BY attempt_no) FROM task_attempt WHERE task_id = ?", id);
        return java.util.Arrays.stream(csv.split(",")).map(s -> Instant.ofEpochMilli(Long.parseLong(s))).toList();
    }

    @Test
    void redirectIsAFailureAndIsNotFollowed() {
        db.setting("maxAttempts", "1");
        providers.stubFor(post("/moved").willReturn(aResponse().withStatus(302).withHeader("Location", url("/get"))));
        long r = db.resource("moved", url("/moved"));
        long ep = db.endpoint("redirect", List.of(), r);
        long id = submit(ep, "redirect", "{}");
        awaitStatus(id, "failed");
        assertThat(
                providers.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo("/get"))))
                        .isEmpty();
        assertThat((String) db.queryValue("SELECT detail FROM task_attempt WHERE task_id = ?", id))
                .contains("Redirect not followed");
    }

    @Test
    void timeoutAndRefusedConnectionAreFailures() {
        db.setting("maxAttempts", "2");
        providers.stubFor(post("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        long slow = db.resource("slow", url("/slow"));
        db.exec("UPDATE resource SET timeout_ms = 300 WHERE id = ?", slow);
        long refused = db.resource("refused", "http://127.0.0.1:1/nothing");
        long ep = db.endpoint("flaky", List.of(), slow, refused);
        long id = submit(ep, "flaky", "{}");
        awaitStatus(id, "failed");
        assertThat((String) db.queryValue("SELECT detail FROM task_attempt WHERE task_id = ? AND attempt_no = 1", id))
                .contains("Timed out");
        assertThat((String) db.queryValue("SELECT detail FROM task_attempt WHERE task_id = ? AND attempt_no = 2", id))
                .contains("Connection refused");
        assertThat(db.count("SELECT count(*) FROM task_attempt WHERE task_id = ? AND status_code IS NULL", id))
                .isEqualTo(2);
    }

    @Test
    void retryAfterPostponesTheNextPass() {
        providers.stubFor(post("/busy").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
        long busy = db.resource("busy", url("/busy"));
        long ep = db.endpoint("busy", List.of(), busy);
        long id = submit(ep, "busy", "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> db.count("SELECT passes FROM task WHERE id = ?", id) == 1);
        assertThat(status(id)).isEqualTo("pending");
        double wait = ((Number) db.queryValue("SELECT extract(epoch FROM run_at - updated_at) FROM task WHERE id = ?",
                id)).doubleValue();
        assertThat(wait).isBetween(29.0, 31.0);
    }

    @Test
    void taskWithoutUsableResourceWaitsWithoutBlockingOthers() {
        providers.stubFor(post("/ok").willReturn(aResponse().withStatus(200)));
        long down = db.resource("down", url("/ok"));
        db.exec("UPDATE resource SET status = 'DOWN' WHERE id = ?", down);
        long inactive = db.resource("inactive", url("/ok"));
        db.exec("UPDATE resource SET active = false WHERE id = ?", inactive);
        long blocked = db.endpoint("blocked", List.of(), down, inactive);
        long empty = db.endpoint("empty", List.of());
        long ok = db.resource("ok", url("/ok"));
        long open = db.endpoint("open", List.of(), ok);
        long stuck = submit(blocked, "blocked", "{}");
        long none = submit(empty, "empty", "{}");
        long fine = submit(open, "open", "{}");

        awaitStatus(fine, "success");
        await().atMost(Duration.ofSeconds(10)).until(() -> db.count("SELECT passes FROM task WHERE id = ?", stuck) >= 1
                && db.count("SELECT passes FROM task WHERE id = ?", none) >= 1);
        assertThat(status(stuck)).isIn("pending", "processing");
        assertThat(db.count("SELECT attempts FROM task WHERE id = ?", stuck)).isZero();
        assertThat(db.count("SELECT count(*) FROM task_event WHERE task_id = ? AND message LIKE 'No active resource%'",
                stuck)).isGreaterThanOrEqualTo(1);

        // once the resource is UP again the waiting task goes out
        db.exec("UPDATE resource SET status = 'UP' WHERE id = ?", down);
        awaitStatus(stuck, "success");
    }

    @Test
    void endpointDevRulesChangeTheSentPayloadAndAreLogged() {
        providers.stubFor(post("/dev").willReturn(aResponse().withStatus(200)));
        long r = db.resource("dev", url("/dev"));
        long ep = db.endpoint("dev", List.of(), r);
        db.exec("UPDATE endpoint SET dev_mode = true, dev_rules_enabled = true WHERE id = ?", ep);
        db.exec("INSERT INTO dev_rule (endpoint_id, condition_param, condition_value, target_param, override_value) "
                + "VALUES (?, 'scope', '^test', 'phone', '000')", ep);
        db.exec("UPDATE client SET dev_rules_enabled = true WHERE id = ?", clientId);
        db.exec("INSERT INTO dev_rule (client_id, target_param, override_value) VALUES (?, 'phone', '111')", clientId);
        db.exec("INSERT INTO dev_rule (client_id, target_param, override_value) VALUES (?, 'amount', '7')", clientId);
        long otherEndpoint = db.endpoint("other", List.of(), r);
        db.exec("INSERT INTO dev_rule (client_id, endpoint_id, target_param, override_value) VALUES (?, ?, 'x', 'no')",
                clientId, otherEndpoint);

        long id = submit(ep, "dev", "{\"scope\":\"test-run\",\"phone\":\"+1555\",\"amount\":1}");
        awaitStatus(id, "success");
        // endpoint rule wins over the client rule; the number stays a number; the rule for another endpoint is ignored
        providers.verify(postRequestedFor(urlEqualTo("/dev"))
                .withRequestBody(equalToJson("{\"scope\":\"test-run\",\"phone\":\"000\",\"amount\":7}")));
        assertThat(db.count(
                "SELECT count(*) FROM task_event WHERE task_id = ? AND message LIKE 'ENDPOINT DEV:%phone=000%'", id))
                        .isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM task_event WHERE task_id = ? AND message LIKE 'CLIENT DEV:%'", id))
                .isEqualTo(1);
    }

    @Test
    void heldTaskWaitsUntilReleased() {
        providers.stubFor(post("/held").willReturn(aResponse().withStatus(200)));
        long r = db.resource("held", url("/held"));
        long ep = db.endpoint("held", List.of(), r);
        long id = queue.insert(new NewTask(clientId, "shop", ep, "held", null, null, "{}", true, null, null)).taskId();
        long other = submit(ep, "held", "{}");
        awaitStatus(other, "success");
        assertThat(status(id)).isEqualTo("held");

        assertThat(queue.retry(id, java.util.Optional.empty())).isEqualTo(io.dispatchapy.model.queue.Transition.DONE);
        awaitStatus(id, "success");
        assertThat(db.count("SELECT count(*) FROM task_event WHERE task_id = ? AND message LIKE 'Released from hold%'",
                id)).isEqualTo(1);
    }

    @Test
    void taskOfADeletedEndpointFailsInsteadOfBlocking() {
        long r = db.resource("gone", url("/gone"));
        long ep = db.endpoint("gone", List.of(), r);
        long id = queue.insert(new NewTask(clientId, "shop", ep, "gone", null, null, "{}", true, null, null)).taskId();
        db.exec("DELETE FROM endpoint WHERE id = ?", ep);
        queue.retry(id, java.util.Optional.empty());
        awaitStatus(id, "failed");
        assertThat((String) db.queryValue("SELECT last_error FROM task WHERE id = ?", id)).contains("no longer exists");
    }

    @Test
    void taskOfADeadWorkerIsRecoveredAndDelivered() {
        providers.stubFor(post("/late").willReturn(aResponse().withStatus(200)));
        long r = db.resource("late", url("/late"));
        long ep = db.endpoint("late", List.of(), r);
        long id = queue.insert(new NewTask(clientId, "shop", ep, "late", null, null, "{}", true, null, null)).taskId();
        // as if a worker had claimed it and died: processing, lease in the past
        db.exec("UPDATE task SET status = 'processing', locked_by = 'dead-worker', lease_until = now() - interval '1 second' "
                + "WHERE id = ?", id);
        awaitStatus(id, "success");
        assertThat(db.count("SELECT count(*) FROM task_event WHERE task_id = ? AND message LIKE 'Lease expired%'", id))
                .isEqualTo(1);
        providers.verify(exactly(1), postRequestedFor(urlEqualTo("/late")));
    }

    @Test
    void metricsCountDeliveriesAndAttempts() {
        providers.stubFor(post("/m").willReturn(aResponse().withStatus(200)));
        long r = db.resource("metered", url("/m"));
        long ep = db.endpoint("metered", List.of(), r);
        awaitStatus(submit(ep, "metered", "{}"), "success");
        String metrics = io.restassured.RestAssured.get("/q/metrics").asString();
        assertThat(metrics).contains("dispatchapy_tasks_delivered_total").contains("dispatchapy_queue_depth")
                .contains("dispatchapy_attempts_total{outcome=\"success\",resource=\"metered\"}")
                .contains("dispatchapy_delivery_latency_seconds_bucket");
    }

    @Test
    void repeatedDeliveryFailuresTakeAResourceDownAndTrafficGoesStraightToTheBackup() {
        providers.stubFor(post("/failing").willReturn(aResponse().withStatus(500)));
        providers.stubFor(post("/spare").willReturn(aResponse().withStatus(200)));
        long failing = db.resource("failing", url("/failing"));
        db.exec("UPDATE resource SET passive_threshold = 3 WHERE id = ?", failing);
        long spare = db.resource("spare", url("/spare"));
        long ep = db.endpoint("passive", List.of(), failing, spare);
        for (int i = 0; i < 3; i++) {
            awaitStatus(submit(ep, "passive", "{\"i\":" + i + "}"), "success");
        }
        assertThat(db.queryValue("SELECT status FROM resource WHERE id = ?", failing)).isEqualTo("DOWN");
        assertThat(db.queryValue("SELECT reason FROM resource_status_change WHERE resource_id = ?", failing))
                .isEqualTo("passive");

        long next = submit(ep, "passive", "{\"i\":3}");
        awaitStatus(next, "success");
        assertThat(db.queryValue("SELECT string_agg(resource_name, ',') FROM task_attempt WHERE task_id = ?", next))
                .isEqualTo("spare");
        providers.verify(exactly(3), postRequestedFor(urlEqualTo("/failing")));
    }

    @Test
    void aSuccessResetsThePassiveFailureCount() {
        providers.stubFor(post("/sometimes").willReturn(aResponse().withStatus(200)));
        long r = db.resource("sometimes", url("/sometimes"));
        db.exec("UPDATE resource SET passive_failures = 4 WHERE id = ?", r);
        long ep = db.endpoint("sometimes", List.of(), r);
        awaitStatus(submit(ep, "sometimes", "{}"), "success");
        assertThat(db.count("SELECT passive_failures FROM resource WHERE id = ?", r)).isZero();
        assertThat(db.queryValue("SELECT status FROM resource WHERE id = ?", r)).isEqualTo("UP");
    }

    @Test
    void failoverAndPermanentFailureQueueAlertsWhenSwitchedOn() {
        db.setting("alerts.failover", "true");
        db.setting("alerts.taskFailed", "true");
        db.setting("maxAttempts", "1");
        providers.stubFor(post("/flaky").willReturn(aResponse().withStatus(500)));
        providers.stubFor(post("/steady").willReturn(aResponse().withStatus(200)));
        long flaky = db.resource("flaky", url("/flaky"));
        db.exec("UPDATE resource SET webhook_enabled = true, webhook_url = 'http://127.0.0.1:9/hook' WHERE id = ?",
                flaky);
        long steady = db.resource("steady", url("/steady"));
        long alone = db.endpoint("alone", List.of(), flaky);
        long pair = db.endpoint("pair", List.of(), flaky, steady);
        db.setting("maxAttempts", "2");
        awaitStatus(submit(pair, "pair", "{}"), "success");
        awaitStatus(submit(pair, "pair", "{}"), "success");
        db.setting("maxAttempts", "1");
        long failed = submit(alone, "alone", "{}");
        awaitStatus(failed, "failed");

        // two failovers in the same hour: one alert; the permanent failure: one alert
        assertThat(db.count("SELECT count(*) FROM alert_outbox WHERE kind = 'failover' AND resource_id = ?", flaky))
                .isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM alert_outbox WHERE kind = 'task_failed' AND channel = 'webhook' "
                + "AND (payload->>'taskId')::bigint = ?", failed)).isEqualTo(1);
    }
}
