package io.dispatchapy.admin.rest;

/** The answer to a task action: the task's new status and a message. */
public record TaskActionDto(String status, String message) {
}
