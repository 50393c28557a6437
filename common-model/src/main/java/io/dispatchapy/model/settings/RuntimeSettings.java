package io.dispatchapy.model.settings;

import java.util.Map;

/**
 * The settings an operator edits at run time (stored in the {@code setting} table). Parsing is lenient: a missing or
 * unreadable value falls back to its default, so a bad row never stops delivery.
 */
public record RuntimeSettings(int maxAttempts, int retryDelayMinSeconds, int retryDelayMaxSeconds,
        Integer taskRetentionDays) {

    public static final String MAX_ATTEMPTS = "maxAttempts";
    public static final String RETRY_DELAY_MIN = "retryDelayMinSeconds";
    public static final String RETRY_DELAY_MAX = "retryDelayMaxSeconds";
    public static final String TASK_RETENTION_DAYS = "taskRetentionDays";

    public static RuntimeSettings from(Map<String, String> values) {
        int min = intOr(values.get(RETRY_DELAY_MIN), 1);
        int max = Math.max(min, intOr(values.get(RETRY_DELAY_MAX), 300));
        String retention = values.get(TASK_RETENTION_DAYS);
        return new RuntimeSettings(intOr(values.get(MAX_ATTEMPTS), 5), min, max,
                retention == null || retention.isBlank() ? null : intOr(retention, 30));
    }

    private static int intOr(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
