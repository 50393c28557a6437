package io.dispatchapy.admin.rest;

/**
 * The runtime settings. {@code taskRetentionDays} null keeps tasks forever. The SMTP password is write-only: answers
 * carry {@code password: null} and {@code passwordSet}.
 */
public record SettingsDto(int maxAttempts, int retryDelayMinSeconds, int retryDelayMaxSeconds,
        Integer taskRetentionDays, int healthRetentionDays, Alerts alerts, Smtp smtp) {

    /** Task-level alerts, sent through the channels of the resource concerned. */
    public record Alerts(boolean taskFailed, boolean failover) {
    }

    /** The mail server used for alerts; {@code encryption} is starttls, ssl or none. */
    public record Smtp(String host, Integer port, String username, String password, boolean passwordSet, String from,
            String encryption) {
    }
}
