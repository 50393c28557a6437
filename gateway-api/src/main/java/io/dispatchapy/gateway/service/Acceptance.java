package io.dispatchapy.gateway.service;

/** The answer to a stored request: {@code status} is {@code queued} or {@code held}. */
public record Acceptance(long taskId, String status, boolean replayed) {
}
