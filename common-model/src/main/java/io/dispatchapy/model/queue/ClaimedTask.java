package io.dispatchapy.model.queue;

import java.time.Instant;

/** A task a worker holds the lease of. */
public record ClaimedTask(long id, Long clientId, Long endpointId, String endpointPath, String payloadJson,
        int attempts, int maxAttempts, int passes, Instant createdAt) {
}
