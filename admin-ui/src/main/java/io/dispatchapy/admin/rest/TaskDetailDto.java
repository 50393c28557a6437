package io.dispatchapy.admin.rest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.dispatchapy.model.entity.TaskAttempt;
import io.dispatchapy.model.entity.TaskEvent;

/** A task with its attempts ({@code attemptHistory}; {@code attempts} stays the count) and its log. */
public record TaskDetailDto(@JsonUnwrapped TaskDto task, List<Attempt> attemptHistory, List<Event> events) {

    /** One HTTP call to a resource. */
    public record Attempt(int attemptNo, Long resourceId, String resourceName, Instant startedAt, int durationMs,
            String outcome, Integer statusCode, String detail) {

        public static Attempt from(TaskAttempt a) {
            return new Attempt(a.attemptNo, a.resourceId, a.resourceName, a.startedAt, a.durationMs, a.outcome,
                    a.statusCode, a.detail);
        }
    }

    /** One line of the task's log. */
    public record Event(Instant createdAt, String message) {

        public static Event from(TaskEvent e) {
            return new Event(e.createdAt, e.message);
        }
    }
}
