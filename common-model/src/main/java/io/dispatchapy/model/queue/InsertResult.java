package io.dispatchapy.model.queue;

/**
 * The outcome of storing a task: a new row, or the earlier task stored under the same client and
 * {@code Idempotency-Key} (then {@code replayed} is true and {@code requestHash} is the earlier request's).
 */
public record InsertResult(long taskId, String acceptedAs, boolean replayed, String requestHash) {
}
