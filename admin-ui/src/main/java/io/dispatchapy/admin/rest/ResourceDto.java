package io.dispatchapy.admin.rest;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dispatchapy.model.entity.Resource;
import io.dispatchapy.model.secret.SecretBox;

/**
 * A resource as the API shows and takes it. On input, read-only fields ({@code id}, {@code status}, times) are ignored
 * and a missing (null) field keeps its current value (on create: the default). {@code secretHeaders} and the webhook's
 * {@code headers} are write-only: stored encrypted and answered as {@code "********"}; sending that mask back (or, for
 * {@code secretHeaders}, leaving a name out) keeps the stored value, null or "" deletes a secret header.
 */
public record ResourceDto(Long id, String name, String url, String method, String bodyFormat,
        Map<String, String> headers, Map<String, String> secretHeaders, List<String> requiredParams, Integer timeoutMs,
        Boolean includeRaw, Boolean active, String status, HealthCheck healthCheck, Notifications notifications,
        Instant createdAt, Instant updatedAt) {

    /** Active health checks. */
    public record HealthCheck(Boolean enabled, String method, String url, Map<String, Object> testValues,
            Integer intervalMinSeconds, Integer intervalMaxSeconds, Integer failureThreshold,
            Integer successThreshold) {
    }

    /** Alerts sent when the resource goes DOWN. */
    public record Notifications(Email email, Webhook webhook) {
    }

    public record Email(Boolean enabled, List<String> recipients, String subject, String body) {
    }

    public record Webhook(Boolean enabled, String url, Map<String, String> headers, Object payload) {
    }

    public static ResourceDto from(Resource r) {
        HealthCheck hc = new HealthCheck(r.hcEnabled, r.hcMethod, r.hcUrl, r.hcTestValues, r.hcIntervalMinSeconds,
                r.hcIntervalMaxSeconds, r.hcFailureThreshold, r.hcSuccessThreshold);
        Email email = new Email(r.emailEnabled, recipients(r.emailRecipients), r.emailSubject, r.emailBody);
        Map<String, String> hookHeaders = new LinkedHashMap<>();
        r.webhookHeaders.forEach((k, v) -> hookHeaders.put(k, SecretBox.MASK));
        Webhook webhook = new Webhook(r.webhookEnabled, r.webhookUrl, hookHeaders, r.webhookPayload);
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> secret = new LinkedHashMap<>();
        r.headers.forEach((k, v) -> {
            if (SecretBox.isSealed(v)) {
                secret.put(k, SecretBox.MASK);
            } else {
                plain.put(k, v);
            }
        });
        return new ResourceDto(r.id, r.name, r.url, r.method, r.bodyFormat, plain, secret, r.requiredParams,
                r.timeoutMs, r.includeRaw, r.active, r.status, hc, new Notifications(email, webhook), r.createdAt,
                r.updatedAt);
    }

    private static List<String> recipients(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        return Arrays.stream(stored.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
