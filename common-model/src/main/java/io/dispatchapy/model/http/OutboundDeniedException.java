package io.dispatchapy.model.http;

/** A call the outbound policy does not allow; the message names the host and the rule. */
public class OutboundDeniedException extends RuntimeException {
    public OutboundDeniedException(String message) {
        super(message);
    }
}
