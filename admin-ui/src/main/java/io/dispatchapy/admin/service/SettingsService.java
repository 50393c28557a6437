package io.dispatchapy.admin.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.dispatchapy.admin.audit.AuditLog;
import io.dispatchapy.admin.rest.SettingsDto;
import io.dispatchapy.model.health.TaskAlerts;
import io.dispatchapy.model.secret.SecretBox;
import io.dispatchapy.model.settings.RuntimeSettings;
import io.dispatchapy.model.settings.SettingsStore;
import io.quarkus.logging.Log;

/**
 * Reads and writes the {@code setting} table. A PUT may be partial: an absent field keeps its value, an explicit null
 * clears it (where null is allowed); the SMTP password is kept when absent, null or the mask {@code ********}, cleared
 * by an empty string, and stored encrypted.
 */
@ApplicationScoped
public class SettingsService {
    static final String SMTP_HOST = "smtp.host";
    static final String SMTP_PORT = "smtp.port";
    static final String SMTP_USERNAME = "smtp.username";
    static final String SMTP_PASSWORD = "smtp.password";
    static final String SMTP_FROM = "smtp.from";
    static final String SMTP_ENCRYPTION = "smtp.encryption";
    static final String HEALTH_RETENTION_DAYS = "healthRetentionDays";
    static final List<String> ENCRYPTIONS = List.of("starttls", "ssl", "none");

    private final SettingsStore store;
    private final AuditLog audit;
    private final ResourceProtection protection;

    public SettingsService(SettingsStore store, AuditLog audit, ResourceProtection protection) {
        this.store = store;
        this.audit = audit;
        this.protection = protection;
    }

    public SettingsDto get() {
        Map<String, String> values = store.all();
        RuntimeSettings runtime = RuntimeSettings.from(values);
        String password = values.get(SMTP_PASSWORD);
        Integer port = SettingsInput.parseInt(values.get(SMTP_PORT));
        Integer healthDays = SettingsInput.parseInt(values.get(HEALTH_RETENTION_DAYS));
        return new SettingsDto(runtime.maxAttempts(), runtime.retryDelayMinSeconds(), runtime.retryDelayMaxSeconds(),
                runtime.taskRetentionDays(), healthDays == null ? 30 : healthDays,
                new SettingsDto.Alerts("true".equals(values.get(TaskAlerts.TASK_FAILED_SETTING)),
                        "true".equals(values.get(TaskAlerts.FAILOVER_SETTING))),
                new SettingsDto.Smtp(values.get(SMTP_HOST), port, values.get(SMTP_USERNAME), null,
                        password != null && !password.isEmpty(), values.get(SMTP_FROM),
                        values.getOrDefault(SMTP_ENCRYPTION, "starttls")));
    }

    /** Validates the given fields against the stored ones, saves them in one transaction, answers the result. */
    public SettingsDto update(JsonNode body) {
        SettingsDto before = get();
        store.putAll(changes(body));
        Log.info("Settings updated");
        SettingsDto after = get();
        // SettingsStore commits on its own connection: the entry follows right after the change
        audit.record("update", "settings", null, "settings updated", before, after);
        return after;
    }

    /** Validates a (partial) settings body against the stored values; answers every key to write. */
    public Map<String, String> changes(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object");
        }
        SettingsDto current = get();
        SettingsInput in = new SettingsInput(body);
        Map<String, String> changes = new LinkedHashMap<>();
        int maxAttempts = in.integer("maxAttempts", current.maxAttempts());
        int min = in.integer("retryDelayMinSeconds", current.retryDelayMinSeconds());
        int max = in.integer("retryDelayMaxSeconds", current.retryDelayMaxSeconds());
        Checks.between(maxAttempts, 1, 100, "maxAttempts");
        Checks.atLeast(min, 0, "retryDelayMinSeconds");
        if (max < min) {
            throw ApiException.badRequest("retryDelayMaxSeconds must be >= retryDelayMinSeconds");
        }
        changes.put(RuntimeSettings.MAX_ATTEMPTS, String.valueOf(maxAttempts));
        changes.put(RuntimeSettings.RETRY_DELAY_MIN, String.valueOf(min));
        changes.put(RuntimeSettings.RETRY_DELAY_MAX, String.valueOf(max));
        Integer retention = in.nullableInteger("taskRetentionDays", current.taskRetentionDays());
        if (retention != null) {
            Checks.atLeast(retention, 1, "taskRetentionDays");
        }
        changes.put(RuntimeSettings.TASK_RETENTION_DAYS, retention == null ? null : String.valueOf(retention));
        int healthDays = in.integer("healthRetentionDays", current.healthRetentionDays());
        Checks.atLeast(healthDays, 1, "healthRetentionDays");
        changes.put(HEALTH_RETENTION_DAYS, String.valueOf(healthDays));
        JsonNode alerts = body.path("alerts");
        changes.put(TaskAlerts.TASK_FAILED_SETTING,
                String.valueOf(flag(alerts, "taskFailed", current.alerts().taskFailed())));
        changes.put(TaskAlerts.FAILOVER_SETTING, String.valueOf(flag(alerts, "failover", current.alerts().failover())));
        in.smtp(current.smtp(), changes);
        String password = changes.get(SMTP_PASSWORD);
        if (SecretBox.MASK.equals(password)) {
            changes.remove(SMTP_PASSWORD); // the mask keeps the stored password
        } else if (password != null) {
            changes.put(SMTP_PASSWORD, protection.sealSetting(password, "smtp.password"));
        }
        return changes;
    }

    private static boolean flag(JsonNode alerts, String key, boolean current) {
        JsonNode v = alerts.get(key);
        if (v == null || v.isNull()) {
            return current;
        }
        if (!v.isBoolean()) {
            throw ApiException.badRequest("alerts." + key + " must be true or false");
        }
        return v.booleanValue();
    }
}
