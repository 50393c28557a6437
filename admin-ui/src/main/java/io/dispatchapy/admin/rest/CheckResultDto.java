package io.dispatchapy.admin.rest;

/** The answer to a manual check: the probe's result and the resource's status after it. */
public record CheckResultDto(long resourceId, String method, boolean success, Integer statusCode, int latencyMs,
        String detail, String status, boolean statusChanged) {
}
