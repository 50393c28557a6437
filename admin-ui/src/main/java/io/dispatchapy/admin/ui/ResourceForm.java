package io.dispatchapy.admin.ui;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.type.TypeReference;

import io.dispatchapy.admin.rest.ResourceDto;

/** The resource form as text fields, filled from a resource or from what the admin typed. */
public record ResourceForm(Long id, String name, String url, String method, String bodyFormat, String timeoutMs,
        boolean includeRaw, boolean active, String requiredParams, String headers, String secretHeaders,
        boolean hcEnabled, String hcMethod, String hcUrl, String hcMin, String hcMax, String hcFailureThreshold,
        String hcSuccessThreshold, String testValues, boolean emailEnabled, String emailRecipients, String emailSubject,
        String emailBody, boolean webhookEnabled, String webhookUrl, String webhookHeaders, String webhookPayload) {

    static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("A resource named", "name"),
            Map.entry("name", "name"), Map.entry("url", "url"), Map.entry("method", "method"),
            Map.entry("bodyFormat", "bodyFormat"), Map.entry("headers", "headers"),
            Map.entry("secretHeaders", "secretHeaders"), Map.entry("requiredParams", "requiredParams"),
            Map.entry("timeoutMs", "timeoutMs"), Map.entry("healthCheck.method", "hcMethod"),
            Map.entry("healthCheck.url", "hcUrl"), Map.entry("healthCheck.interval", "hcMin"),
            Map.entry("healthCheck.failureThreshold", "hcFailureThreshold"),
            Map.entry("healthCheck.successThreshold", "hcSuccessThreshold"), Map.entry("testValues", "testValues"),
            Map.entry("notifications.email", "emailRecipients"), Map.entry("notifications.webhook.url", "webhookUrl"),
            Map.entry("notifications.webhook.headers", "webhookHeaders"),
            Map.entry("webhookPayload", "webhookPayload"));

    public static ResourceForm empty() {
        return new ResourceForm(null, "", "", "POST", "json", "15000", true, true, "", "", "", false, "tcp", "", "60",
                "90", "2", "1", "", false, "", "", "", false, "", "{}", "{}");
    }

    public static ResourceForm of(ResourceDto r) {
        ResourceDto.HealthCheck hc = r.healthCheck();
        ResourceDto.Email email = r.notifications().email();
        ResourceDto.Webhook hook = r.notifications().webhook();
        return new ResourceForm(r.id(), r.name(), r.url(), r.method(), r.bodyFormat(), String.valueOf(r.timeoutMs()),
                r.includeRaw(), r.active(), String.join("\n", r.requiredParams()), pairs(r.headers(), ": "),
                pairs(r.secretHeaders(), ": "), hc.enabled(), hc.method(), nz(hc.url()),
                String.valueOf(hc.intervalMinSeconds()), String.valueOf(hc.intervalMaxSeconds()),
                String.valueOf(hc.failureThreshold()), String.valueOf(hc.successThreshold()),
                pairs(hc.testValues(), "="), email.enabled(), String.join(", ", email.recipients()),
                nz(email.subject()), nz(email.body()), hook.enabled(), nz(hook.url()), json(hook.headers()),
                json(hook.payload()));
    }

    public static ResourceForm of(Long id, Form f) {
        return new ResourceForm(id, f.raw("name"), f.raw("url"), f.raw("method"), f.raw("bodyFormat"),
                f.raw("timeoutMs"), f.bool("includeRaw"), f.bool("active"), f.raw("requiredParams"), f.raw("headers"),
                f.raw("secretHeaders"), f.bool("hcEnabled"), f.raw("hcMethod"), f.raw("hcUrl"), f.raw("hcMin"),
                f.raw("hcMax"), f.raw("hcFailureThreshold"), f.raw("hcSuccessThreshold"), f.raw("testValues"),
                f.bool("emailEnabled"), f.raw("emailRecipients"), f.raw("emailSubject"), f.raw("emailBody"),
                f.bool("webhookEnabled"), f.raw("webhookUrl"), f.raw("webhookHeaders"), f.raw("webhookPayload"));
    }

    /**
     * The DTO the service validates; text that does not parse is reported on its field. A stored secret header whose
     * line the admin removed is deleted; a line with the mask keeps the stored value.
     */
    public ResourceDto toDto(Collection<String> storedSecrets) {
        Map<String, String> secrets = new LinkedHashMap<>(parsePairs(secretHeaders, ":", "secretHeaders"));
        storedSecrets.forEach(name -> secrets.putIfAbsent(name, null));
        var hc = new ResourceDto.HealthCheck(hcEnabled, blank(hcMethod), blank(hcUrl) == null ? "" : hcUrl.trim(),
                new LinkedHashMap<>(parsePairs(testValues, "=", "testValues")), integer(hcMin, "hcMin"),
                integer(hcMax, "hcMax"), integer(hcFailureThreshold, "hcFailureThreshold"),
                integer(hcSuccessThreshold, "hcSuccessThreshold"));
        List<String> recipients = new ArrayList<>();
        for (String s : emailRecipients.split("[,\\n]")) {
            if (!s.isBlank()) {
                recipients.add(s.trim());
            }
        }
        var email = new ResourceDto.Email(emailEnabled, recipients, emailSubject, emailBody);
        Map<String, String> hookHeaders = parseJson(webhookHeaders, "webhookHeaders", new TypeReference<>() {
        });
        Object hookPayload = parseJson(webhookPayload, "webhookPayload", new TypeReference<Object>() {
        });
        var hook = new ResourceDto.Webhook(webhookEnabled, webhookUrl == null ? "" : webhookUrl.trim(),
                hookHeaders == null ? Map.of() : hookHeaders, hookPayload == null ? Map.of() : hookPayload);
        return new ResourceDto(id, name, url, blank(method), blank(bodyFormat), parsePairs(headers, ":", "headers"),
                secrets, requiredParams.lines().map(String::trim).filter(s -> !s.isEmpty()).toList(),
                integer(timeoutMs, "timeoutMs"), includeRaw, active, null, hc,
                new ResourceDto.Notifications(email, hook), null, null);
    }

    private static Integer integer(String v, String field) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            throw new Form.FieldError(field, "Must be a whole number");
        }
    }

    private static Map<String, String> parsePairs(String text, String sep, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.lines().map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            int i = line.indexOf(sep);
            if (i <= 0) {
                throw new Form.FieldError(field, "Each line must look like name" + sep + "value: '" + line + "'");
            }
            out.put(line.substring(0, i).trim(), line.substring(i + 1).trim());
        }
        return out;
    }

    private static <T> T parseJson(String text, String field, TypeReference<T> type) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Formats.JSON.readValue(text, type);
        } catch (Exception e) {
            throw new Form.FieldError(field, "Must be valid JSON of the right shape");
        }
    }

    private static String pairs(Map<String, ?> map, String sep) {
        return map == null ? ""
                : map.entrySet().stream().map(e -> e.getKey() + sep + e.getValue()).collect(Collectors.joining("\n"));
    }

    private static String json(Object o) {
        try {
            return o == null ? "{}" : Formats.JSON.writeValueAsString(o);
        } catch (Exception e) {
            return "{}";
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
