package io.dispatchapy.model.queue;

/** The result of a user action on a task (retry, stop, delete). */
public enum Transition {
    DONE, NOT_FOUND,
    /** The task is in a status that does not allow the action. */
    CONFLICT
}
