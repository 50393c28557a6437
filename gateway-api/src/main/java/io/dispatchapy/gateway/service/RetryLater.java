package io.dispatchapy.gateway.service;

/** A refusal the client should repeat later: answered with {@code Retry-After} besides the JSON detail. */
public class RetryLater extends ApiError {
    private final long retryAfterSeconds;

    public RetryLater(int status, long retryAfterSeconds, String detail) {
        super(status, detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
