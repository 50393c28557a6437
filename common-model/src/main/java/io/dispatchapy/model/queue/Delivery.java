package io.dispatchapy.model.queue;

/** A task whose successful attempt is to be recorded and the task completed, in a batch with others. */
public record Delivery(long taskId, AttemptRecord attempt) {
}
