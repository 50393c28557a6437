package io.dispatchapy.admin.service;

import static io.dispatchapy.admin.service.Checks.orElse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.dispatchapy.admin.rest.ResourceDto;
import io.dispatchapy.model.entity.Resource;

/** Validates a {@link ResourceDto} and copies it onto a {@link Resource}; null fields keep their value. */
final class ResourceEditor {
    static final int MAX_HEADERS = 100;

    private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");
    private static final Set<String> BODY_FORMATS = Set.of("json", "form");
    private static final Set<String> CHECK_METHODS = Set.of("tcp", "http", "post");

    private ResourceEditor() {
    }

    static void apply(ResourceDto in, Resource r, ResourceProtection protection) {
        r.name = Checks.required(orElse(in.name(), r.name), "name", 200);
        r.url = protection.allowedUrl(Checks.httpUrl(orElse(in.url(), r.url), "url"), "url");
        String method = orElse(in.method(), r.method);
        r.method = Checks.oneOf(method == null ? null : method.toUpperCase(Locale.ROOT), METHODS,
                "method must be POST, PUT or PATCH");
        r.bodyFormat = Checks.oneOf(orElse(in.bodyFormat(), r.bodyFormat), BODY_FORMATS,
                "bodyFormat must be json or form");
        r.headers = protection.headers(in.headers() == null ? null : headers(in.headers(), "headers"),
                in.secretHeaders(), r.headers);
        r.requiredParams = names(orElse(in.requiredParams(), r.requiredParams), "requiredParams");
        r.timeoutMs = Checks.between(orElse(in.timeoutMs(), r.timeoutMs), 1, 600_000, "timeoutMs");
        r.includeRaw = orElse(in.includeRaw(), r.includeRaw);
        r.active = orElse(in.active(), r.active);
        if (in.healthCheck() != null) {
            applyHealthCheck(in.healthCheck(), r);
            protection.allowedUrl(r.hcUrl, "healthCheck.url");
        }
        if (in.notifications() != null) {
            applyEmail(in.notifications().email(), r);
            applyWebhook(in.notifications().webhook(), r, protection);
        }
    }

    private static void applyHealthCheck(ResourceDto.HealthCheck hc, Resource r) {
        r.hcEnabled = orElse(hc.enabled(), r.hcEnabled);
        r.hcMethod = Checks.oneOf(orElse(hc.method(), r.hcMethod), CHECK_METHODS,
                "healthCheck.method must be tcp, http or post");
        r.hcUrl = hc.url() == null ? r.hcUrl : Checks.optional(hc.url(), "healthCheck.url", 2000);
        r.hcTestValues = orElse(hc.testValues(), r.hcTestValues);
        r.hcIntervalMinSeconds = Checks.atLeast(orElse(hc.intervalMinSeconds(), r.hcIntervalMinSeconds), 1,
                "healthCheck.intervalMinSeconds");
        r.hcIntervalMaxSeconds = Checks.atLeast(orElse(hc.intervalMaxSeconds(), r.hcIntervalMaxSeconds), 1,
                "healthCheck.intervalMaxSeconds");
        if (r.hcIntervalMinSeconds > r.hcIntervalMaxSeconds) {
            throw ApiException.badRequest("healthCheck.intervalMinSeconds must be <= intervalMaxSeconds");
        }
        r.hcFailureThreshold = Checks.atLeast(orElse(hc.failureThreshold(), r.hcFailureThreshold), 1,
                "healthCheck.failureThreshold");
        r.hcSuccessThreshold = Checks.atLeast(orElse(hc.successThreshold(), r.hcSuccessThreshold), 1,
                "healthCheck.successThreshold");
    }

    private static void applyEmail(ResourceDto.Email email, Resource r) {
        if (email == null) {
            return;
        }
        r.emailEnabled = orElse(email.enabled(), r.emailEnabled);
        if (email.recipients() != null) {
            List<String> list = names(email.recipients(), "notifications.email.recipients");
            r.emailRecipients = list.isEmpty() ? null
                    : Checks.maxLength(String.join(",", list), "notifications.email.recipients", 2000);
        }
        if (email.subject() != null) {
            r.emailSubject = Checks.optional(email.subject(), "notifications.email.subject", 500);
        }
        if (email.body() != null) {
            r.emailBody = email.body().isBlank() ? null : email.body();
        }
        if (r.emailEnabled && r.emailRecipients == null) {
            throw ApiException.badRequest("notifications.email.recipients is required when email is enabled");
        }
    }

    private static void applyWebhook(ResourceDto.Webhook webhook, Resource r, ResourceProtection protection) {
        if (webhook == null) {
            return;
        }
        r.webhookEnabled = orElse(webhook.enabled(), r.webhookEnabled);
        if (webhook.url() != null) {
            r.webhookUrl = webhook.url().isBlank() ? null : protection.allowedUrl(
                    Checks.httpUrl(webhook.url(), "notifications.webhook.url"), "notifications.webhook.url");
        }
        r.webhookHeaders = protection.webhookHeaders(
                webhook.headers() == null ? null : headers(webhook.headers(), "notifications.webhook.headers"),
                r.webhookHeaders);
        r.webhookPayload = orElse(webhook.payload(), r.webhookPayload);
        if (r.webhookEnabled && r.webhookUrl == null) {
            throw ApiException.badRequest("notifications.webhook.url is required when the webhook is enabled");
        }
    }

    /** Trimmed, non-empty, distinct names in the given order. */
    static List<String> names(List<String> values, String field) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                out.add(Checks.maxLength(v.trim(), field, 500));
            }
        }
        return new ArrayList<>(out);
    }

    private static Map<String, String> headers(Map<String, String> values, String field) {
        if (values.size() > MAX_HEADERS) {
            throw ApiException.badRequest(field + " may have at most " + MAX_HEADERS + " entries");
        }
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k == null || k.isBlank()) {
                throw ApiException.badRequest(field + " must not have an empty name");
            }
            out.put(k.trim(), v == null ? "" : v);
        });
        return out;
    }
}
