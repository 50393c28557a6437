package io.dispatchapy.gateway.service;

import java.time.Instant;

/** What a client may see of its own task ({@code GET /api/tasks/{id}}). */
public record TaskStatusView(long taskId, String status, int attempts, int maxAttempts, Instant createdAt,
        Instant updatedAt, String resource, String lastError, String ref, String scope) {
}
