package io.dispatchapy.admin.service;

/** The criteria of the task list; null fields do not filter. {@code page} is 0-based. */
public record TaskFilter(String status, String q, Long endpointId, Long clientId, int page, int size) {
}
