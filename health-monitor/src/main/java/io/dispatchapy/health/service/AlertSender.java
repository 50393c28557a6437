package io.dispatchapy.health.service;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.dispatchapy.health.client.WebhookClient;
import io.dispatchapy.health.config.HealthConfig;
import io.dispatchapy.model.alert.MailGateway;
import io.dispatchapy.model.alert.SmtpSettings;
import io.dispatchapy.model.entity.Resource;
import io.dispatchapy.model.health.HealthQueue;
import io.dispatchapy.model.health.PendingAlert;
import io.dispatchapy.model.queue.QueueException;
import io.dispatchapy.model.settings.SettingsStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends the alert outbox. Rows are claimed with SKIP LOCKED and a lease, so with several replicas each alert goes out
 * once; a failed send is retried with backoff until {@code alert-max-attempts}; a process that dies mid-send leaves the
 * row to be taken again when its lease ends, so none is lost.
 */
@ApplicationScoped
public class AlertSender {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final Duration LEASE = Duration.ofSeconds(120);

    private final HealthQueue queue;
    private final AlertComposer composer;
    private final MailGateway mail;
    private final WebhookClient webhooks;
    private final SettingsStore settings;
    private final HealthConfig config;
    private final MeterRegistry metrics;
    private final ObjectMapper json;
    private final String sender;

    public AlertSender(HealthQueue queue, AlertComposer composer, MailGateway mail, WebhookClient webhooks,
            SettingsStore settings, HealthConfig config, MeterRegistry metrics, ObjectMapper json,
            MonitorIdentity identity) {
        this.queue = queue;
        this.composer = composer;
        this.mail = mail;
        this.webhooks = webhooks;
        this.settings = settings;
        this.config = config;
        this.metrics = metrics;
        this.json = json;
        this.sender = identity.id();
    }

    @Scheduled(every = "${dispatchapy.health.tick:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void tick() {
        if (!config.enabled()) {
            return;
        }
        try {
            List<PendingAlert> alerts = queue.claimAlerts(sender, 20, LEASE);
            for (PendingAlert alert : alerts) {
                send(alert);
            }
        } catch (QueueException e) {
            Log.warnf("Cannot claim alerts (database unavailable?): %s", e.getMessage());
        }
    }

    private void send(PendingAlert alert) {
        Map<String, Object> event = parse(alert.payloadJson());
        Long checkId = event.get("healthCheckId") instanceof Number n ? n.longValue() : null;
        try {
            Resource r = alert.resourceId() == null ? null : Resource.findById(alert.resourceId());
            if (r == null) {
                queue.alertFailed(sender, alert, "Resource no longer exists", Duration.ZERO, true, checkId);
                return;
            }
            AlertMessage m = composer.compose(alert.kind(), alert.channel(), r, event);
            if ("email".equals(alert.channel())) {
                mail.send(SmtpSettings.from(settings.all()), m.recipients(), m.subject(), m.text());
            } else {
                webhooks.post(m.url(), m.headers(), m.body());
            }
            queue.alertSent(sender, alert, checkId);
            metrics.counter("dispatchapy.alerts", "channel", alert.channel(), "outcome", "sent").increment();
        } catch (IOException | MailGateway.MailException | IllegalArgumentException e) {
            failed(alert, checkId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(alert, checkId, "interrupted");
        }
    }

    private void failed(PendingAlert alert, Long checkId, String error) {
        int tries = alert.attempts() + 1;
        boolean last = tries >= config.alertMaxAttempts();
        long delay = Math.min(config.alertRetryMaxDelay().toMillis(),
                config.alertRetryDelay().toMillis() << Math.min(tries - 1, 20));
        queue.alertFailed(sender, alert, error, Duration.ofMillis(delay), last, checkId);
        metrics.counter("dispatchapy.alerts", "channel", alert.channel(), "outcome", last ? "failed" : "retry")
                .increment();
        Log.warnf("Alert %d (%s) not sent (try %d): %s%s", alert.id(), alert.channel(), tries, error,
                last ? "; giving up" : "");
    }

    private Map<String, Object> parse(String text) {
        try {
            return json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
