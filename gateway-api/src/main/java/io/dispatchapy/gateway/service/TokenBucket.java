package io.dispatchapy.gateway.service;

/**
 * A classic token bucket: {@code capacity} requests at once, refilled at {@code perSecond}. Time comes in as
 * nanoseconds so the arithmetic can be tested without waiting.
 */
final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final int perSecond;
    private final int capacity;
    private double tokens;
    private long lastRefill;

    TokenBucket(int perSecond, int capacity, long now) {
        this.perSecond = perSecond;
        this.capacity = capacity;
        this.tokens = capacity;
        this.lastRefill = now;
    }

    boolean sameShape(int perSecond, int capacity) {
        return this.perSecond == perSecond && this.capacity == capacity;
    }

    /** Takes one token; answers 0 when there was one, otherwise the nanoseconds until the next one is due. */
    synchronized long take(long now) {
        if (now > lastRefill) {
            tokens = Math.min(capacity, tokens + (now - lastRefill) * perSecond / NANOS_PER_SECOND);
            lastRefill = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) * NANOS_PER_SECOND / perSecond);
    }
}
