package io.dispatchapy.health;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.dispatchapy.model.secret.SecretBox;
import io.dispatchapy.model.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Status changes by active checks, with real SMTP (GreenMail) and real webhooks (WireMock). */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class AlertsTest extends HealthTestSupport {
    static WireMockServer http;
    static GreenMail smtp;
    final SecretBox box = new SecretBox(ConfigProvider.getConfig().getValue("dispatchapy.secret.key", String.class),
            List.of());

    @BeforeAll
    static void start() {
        http = new WireMockServer(wireMockConfig().dynamicPort());
        http.start();
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        smtp.setUser("alerts@example.com", "alerts", "mail-secret");
    }

    @AfterAll
    static void stop() {
        http.stop();
        smtp.stop();
    }

    @BeforeEach
    void configureMail() throws Exception {
        http.resetAll();
        smtp.purgeEmailFromAllMailboxes();
        db.setting("smtp.host", "127.0.0.1");
        db.setting("smtp.port", String.valueOf(smtp.getSmtp().getPort()));
        db.setting("smtp.username", "alerts");
        db.setting("smtp.password", box.seal("mail-secret")); // stored encrypted, as the admin UI stores it
        db.setting("smtp.from", "alerts@example.com");
        db.setting("smtp.encryption", "none");
    }

    String base() {
        return "http://127.0.0.1:" + http.port();
    }

    long alertingResource(String name, String healthPath) {
        long id = checkedResource(name, base() + healthPath);
        db.exec("UPDATE resource SET email_enabled = true, email_recipients = 'ops@example.com, oncall@example.com', "
                + "webhook_enabled = true, webhook_url = ?, webhook_headers = jsonb_build_object('X-Hook', ?::text)"
                + " WHERE id = ?", base() + "/hook", box.seal("h"), id);
        return id;
    }

    @Test
    void downAndRecoveryEachSendOneMailAndOneWebhook() throws Exception {
        http.stubFor(get("/health").willReturn(aResponse().withStatus(500).withBody("down")));
        http.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
        long id = alertingResource("sms-primary", "/health");

        await().atMost(Duration.ofSeconds(15)).until(() -> "DOWN".equals(status(id)));
        await().atMost(Duration.ofSeconds(15)).until(() -> smtp.getReceivedMessages().length == 2); // two recipients
        http.stubFor(get("/health").willReturn(aResponse().withStatus(200)));
        await().atMost(Duration.ofSeconds(15)).until(() -> "UP".equals(status(id)));
        await().atMost(Duration.ofSeconds(15)).until(() -> smtp.getReceivedMessages().length == 4);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> http.findAll(postRequestedFor(urlEqualTo("/hook"))).size() == 2);
        // several more intervals pass: no status change, no more alerts
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);

        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(4);
        java.util.List<String> subjects = new java.util.ArrayList<>();
        for (MimeMessage m : mails) {
            subjects.add(m.getSubject());
        }
        // one DOWN and one UP mail, each to both recipients
        assertThat(subjects).containsExactlyInAnyOrder("Dispatchapy Alert: Resource \"sms-primary\" is DOWN",
                "Dispatchapy Alert: Resource \"sms-primary\" is DOWN",
                "Dispatchapy Alert: Resource \"sms-primary\" is UP",
                "Dispatchapy Alert: Resource \"sms-primary\" is UP");
        http.verify(1, postRequestedFor(urlEqualTo("/hook")).withHeader("X-Hook", equalTo("h"))
                .withRequestBody(matchingJsonPath("$.event", equalTo("resource.down"))));
        http.verify(1, postRequestedFor(urlEqualTo("/hook"))
                .withRequestBody(matchingJsonPath("$.event", equalTo("resource.up"))));
        assertThat(db.count(
                "SELECT count(*) FROM resource_status_change WHERE resource_id = ? AND reason = 'active check'", id))
                        .isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM alert_outbox WHERE status = 'sent'")).isEqualTo(4);
        assertThat(db.count("SELECT count(*) FROM health_check WHERE resource_id = ? AND notification_status = "
                + "'email sent, webhook sent'", id)).isEqualTo(2);
    }

    @Test
    void secretsNoConfiguredKeyCanReadFailTheirAlertWithAClearErrorAndNothingIsSent() {
        http.stubFor(get("/locked-health").willReturn(aResponse().withStatus(500)));
        http.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
        byte[] other = new byte[32];
        other[0] = 7;
        SecretBox foreign = new SecretBox(java.util.Base64.getEncoder().encodeToString(other), List.of());
        db.setting("smtp.password", foreign.seal("mail-secret"));
        long id = alertingResource("locked", "/locked-health");
        db.exec("UPDATE resource SET webhook_headers = jsonb_build_object('X-Hook', ?::text) WHERE id = ?",
                foreign.seal("h"), id);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> db.count("SELECT count(*) FROM alert_outbox WHERE last_error IS NOT NULL") == 2);
        assertThat((String) db.queryValue("SELECT last_error FROM alert_outbox WHERE channel = 'email'"))
                .contains("SMTP password").contains("not configured");
        assertThat((String) db.queryValue("SELECT last_error FROM alert_outbox WHERE channel = 'webhook'"))
                .contains("Header X-Hook").contains("not configured");
        http.verify(0, postRequestedFor(urlEqualTo("/hook")));
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aFailingWebhookGetsTheAlertLaterAndOnce() {
        http.stubFor(get("/flaky-health").willReturn(aResponse().withStatus(503)));
        http.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
        http.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(204)));
        long id = alertingResource("webhook-flaky", "/flaky-health");
        db.exec("UPDATE resource SET email_enabled = false WHERE id = ?", id);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> db.count("SELECT count(*) FROM alert_outbox WHERE status = 'sent'") == 1);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> true);
        http.verify(2, postRequestedFor(urlEqualTo("/hook")));
        assertThat(db.count("SELECT attempts FROM alert_outbox")).isEqualTo(2);
        assertThat((String) db.queryValue("SELECT last_error FROM alert_outbox")).isNull();
    }

    @Test
    void aBrokenTemplateIsSentRawAndOtherResourcesKeepBeingChecked() throws Exception {
        http.stubFor(get("/a").willReturn(aResponse().withStatus(500)));
        http.stubFor(get("/b").willReturn(aResponse().withStatus(200)));
        http.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
        long broken = alertingResource("broken-template", "/a");
        db.exec("UPDATE resource SET email_subject = 'Down: {resource_nam} {', webhook_enabled = false WHERE id = ?",
                broken);
        long other = checkedResource("healthy-neighbour", base() + "/b");

        await().atMost(Duration.ofSeconds(15)).until(() -> smtp.getReceivedMessages().length == 2);
        assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Down: {resource_nam} {");
        long before = db.count("SELECT count(*) FROM health_check WHERE resource_id = ?", other);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> db.count("SELECT count(*) FROM health_check WHERE resource_id = ?", other) >= before + 2);
    }

    @Test
    void checksEnabledLaterAreScheduledAtOnceAndInactiveResourcesAreNotChecked() {
        http.stubFor(get("/later").willReturn(aResponse().withStatus(200)));
        long later = db.resource("enabled-later", base() + "/later");
        long inactive = checkedResource("inactive", base() + "/later");
        db.exec("UPDATE resource SET active = false WHERE id = ?", inactive);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(db.count("SELECT count(*) FROM health_check")).isZero();

        db.exec("UPDATE resource SET hc_enabled = true, hc_method = 'http' WHERE id = ?", later);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> db.count("SELECT count(*) FROM health_check WHERE resource_id = ?", later) == 1);
        assertThat(db.count("SELECT count(*) FROM health_check WHERE resource_id = ?", inactive)).isZero();
        // the next one is planned within the resource's interval (60-90 s by default)
        double wait = ((Number) db.queryValue(
                "SELECT extract(epoch FROM next_check_at - last_checked_at) FROM resource " + "WHERE id = ?", later))
                        .doubleValue();
        assertThat(wait).isBetween(59.0, 91.0);
    }

    @Test
    void hysteresisNeedsConsecutiveFailures() {
        http.stubFor(get("/blip").willReturn(aResponse().withStatus(500)));
        long id = checkedResource("blippy", base() + "/blip");
        db.exec("UPDATE resource SET hc_failure_threshold = 3 WHERE id = ?", id);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> db.count("SELECT count(*) FROM health_check WHERE resource_id = ?", id) >= 2);
        assertThat(db.count("SELECT count(*) FROM resource_status_change WHERE resource_id = ?", id)).isZero();
        await().atMost(Duration.ofSeconds(15)).until(() -> "DOWN".equals(status(id)));
        assertThat(db.count("SELECT count(*) FROM health_check WHERE resource_id = ?", id)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void taskAlertsUseTheResourceChannelsWithTheirOwnTexts() throws Exception {
        long id = alertingResource("task-alerts", "/unused");
        db.exec("UPDATE resource SET hc_enabled = false, webhook_enabled = false WHERE id = ?", id);
        db.exec("INSERT INTO alert_outbox (kind, channel, resource_id, payload) VALUES ('task_failed', 'email', ?, "
                + "'{\"taskId\": 42, \"endpointPath\": \"send_sms\", \"error\": \"Max attempts reached\"}')", id);
        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == 2);
        assertThat(smtp.getReceivedMessages()[0].getSubject())
                .isEqualTo("Dispatchapy: task 42 failed permanently (task-alerts)");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(smtp.getReceivedMessages()[0]))
                .contains("Max attempts reached");
    }
}
