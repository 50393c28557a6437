package io.dispatchapy.model.queue;

import java.time.Instant;

/** One finished HTTP call to a resource, as stored in {@code task_attempt}. */
public record AttemptRecord(long resourceId, String resourceName, Instant startedAt, int durationMs, boolean success,
        Integer statusCode, String detail, String targetPayloadJson) {
}
