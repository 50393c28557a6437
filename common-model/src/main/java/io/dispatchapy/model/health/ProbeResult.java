package io.dispatchapy.model.health;

/** The outcome of one check; {@code statusCode} is null for TCP checks and for calls without an answer. */
public record ProbeResult(boolean success, Integer statusCode, int latencyMs, String detail) {
}
