package io.dispatchapy.admin.rest;

import java.time.Instant;
import java.util.List;

/** A page of a resource's checks, its recent status changes and uptime/latency figures over 24 h and 7 days. */
public record HealthHistoryDto(long resourceId, String status, List<Check> items, long total, int page, int size,
        List<StatusChange> statusChanges, Window last24h, Window last7d) {

    public record Check(long id, Instant createdAt, String method, String trigger, boolean success, Integer statusCode,
            Integer latencyMs, String detail, String notificationStatus) {
    }

    public record StatusChange(Instant createdAt, String fromStatus, String toStatus, String reason, String detail) {
    }

    /** {@code uptimePercent} is null when there was no check in the window. */
    public record Window(long checks, Double uptimePercent, Double latencyAvgMs, Double latencyP95Ms) {
    }
}
