package io.dispatchapy.model.queue;

/** A database failure of a queue operation. */
public class QueueException extends RuntimeException {
    public QueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
