package io.dispatchapy.gateway.service;

/** A 429 refusal: the client sent more than its rate limit allows; {@code Retry-After} says when to try again. */
public class RateLimited extends RetryLater {
    public RateLimited(long retryAfterSeconds, String detail) {
        super(429, retryAfterSeconds, detail);
    }
}
