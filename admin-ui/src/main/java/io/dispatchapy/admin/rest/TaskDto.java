package io.dispatchapy.admin.rest;

import java.time.Instant;
import java.util.Map;

import io.dispatchapy.model.entity.Task;

/** A task as listed; {@code attempts} is the number of HTTP attempts made so far. */
public record TaskDto(long id, String status, Long endpointId, String endpointPath, Long clientId, String clientName,
        String ref, String scope, Map<String, Object> payload, Map<String, Object> targetPayload, Long resourceId,
        String resourceName, int attempts, int maxAttempts, String lastError, Instant runAt, Instant createdAt,
        Instant updatedAt, Instant finishedAt) {

    public static TaskDto from(Task t) {
        return new TaskDto(t.id, t.status, t.endpointId, t.endpointPath, t.clientId, t.clientName, t.ref, t.scope,
                t.payload, t.targetPayload, t.resourceId, t.resourceName, t.attempts, t.maxAttempts, t.lastError,
                t.runAt, t.createdAt, t.updatedAt, t.finishedAt);
    }
}
