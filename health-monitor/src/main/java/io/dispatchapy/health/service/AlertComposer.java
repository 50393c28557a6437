package io.dispatchapy.health.service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.entity.Resource;
import io.dispatchapy.model.health.Placeholders;
import io.quarkus.logging.Log;

/**
 * Builds the e-mail or webhook of an alert from the resource's templates. Placeholders: {@code {resource_name}},
 * {@code {resource_endpoint}}, {@code {status}}, {@code {previous_status}}, {@code {reason}}, {@code {detail}},
 * {@code {timestamp_utc}}, {@code {datetime}}. A template with an unknown placeholder or a stray brace is logged as an
 * error and its raw text is sent: it never stops anything.
 */
@ApplicationScoped
public class AlertComposer {
    public static final String DEFAULT_SUBJECT = "Dispatchapy Alert: Resource \"{resource_name}\" is {status}";
    public static final String DEFAULT_BODY = """
            Resource "{resource_name}" ({resource_endpoint}) is now {status} (was {previous_status}).
            Reason: {reason}
            Detail: {detail}
            Time: {timestamp_utc} UTC

            While a resource is DOWN, Dispatchapy sends its traffic to the next resource of each endpoint.
            """;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    public AlertMessage compose(String kind, String channel, Resource r, Map<String, Object> event) {
        if ("task_failed".equals(kind) || "failover".equals(kind)) {
            return taskAlert(kind, channel, r, event);
        }
        Map<String, String> vars = variables(r, event);
        if ("email".equals(channel)) {
            List<String> to = recipients(r);
            String subject = fill(r.name, "e-mail subject", blankOr(r.emailSubject, DEFAULT_SUBJECT), vars);
            String text = fill(r.name, "e-mail body", blankOr(r.emailBody, DEFAULT_BODY), vars);
            return new AlertMessage(channel, to, subject, text, null, Map.of(), null);
        }
        Object template = r.webhookPayload;
        boolean empty = template == null || (template instanceof Map<?, ?> m && m.isEmpty());
        Object body = empty ? event : fillJson(r.name, template, vars);
        return new AlertMessage(channel, List.of(), null, null, r.webhookUrl,
                r.webhookHeaders == null ? Map.of() : r.webhookHeaders, body);
    }

    /** Task alerts use fixed texts (the resource's templates are written for status changes). */
    private static AlertMessage taskAlert(String kind, String channel, Resource r, Map<String, Object> event) {
        if (!"email".equals(channel)) {
            return new AlertMessage(channel, List.of(), null, null, r.webhookUrl,
                    r.webhookHeaders == null ? Map.of() : r.webhookHeaders, event);
        }
        String subject = "task_failed".equals(kind)
                ? "Dispatchapy: task " + event.get("taskId") + " failed permanently (" + r.name + ")"
                : "Dispatchapy: traffic failed over from \"" + r.name + "\"";
        String text = "task_failed".equals(kind)
                ? "Task " + event.get("taskId") + " of /api/" + event.get("endpointPath")
                        + " spent its attempt budget.\nLast resource: " + r.name + "\nError: " + event.get("error")
                : "Resource \"" + r.name + "\" failed to deliver task " + event.get("taskId") + " of /api/"
                        + event.get("endpointPath") + "; it was delivered by \"" + event.get("deliveredBy")
                        + "\" instead.\nThis alert is sent at most once per hour per resource.";
        return new AlertMessage(channel, recipients(r), subject, text, null, Map.of(), null);
    }

    private static List<String> recipients(Resource r) {
        return Arrays.stream(String.valueOf(r.emailRecipients).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
    }

    private static Map<String, String> variables(Resource r, Map<String, Object> event) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("resource_name", r.name);
        vars.put("resource_endpoint", r.url);
        vars.put("status", String.valueOf(event.get("status")));
        vars.put("previous_status", String.valueOf(event.get("previousStatus")));
        vars.put("reason", String.valueOf(event.get("reason")));
        vars.put("detail", event.get("detail") == null ? "" : String.valueOf(event.get("detail")));
        Instant at = Instant.parse(String.valueOf(event.getOrDefault("at", Instant.now().toString())));
        vars.put("timestamp_utc", UTC.format(at));
        vars.put("datetime", at.toString());
        return vars;
    }

    private static String fill(String resource, String what, String template, Map<String, String> vars) {
        try {
            return Placeholders.render(template, vars);
        } catch (Placeholders.TemplateException e) {
            Log.errorf("Alert %s of resource '%s' has a bad template (%s); sending its raw text", what, resource,
                    e.getMessage());
            return template;
        }
    }

    private static Object fillJson(String resource, Object template, Map<String, String> vars) {
        if (template instanceof String s) {
            return fill(resource, "webhook payload", s, vars);
        }
        if (template instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), fillJson(resource, v, vars)));
            return out;
        }
        if (template instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(fillJson(resource, v, vars)));
            return out;
        }
        return template;
    }

    private static String blankOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
