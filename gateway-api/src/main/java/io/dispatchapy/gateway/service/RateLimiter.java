package io.dispatchapy.gateway.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.gateway.config.GatewayConfig;

/**
 * Per-client ingestion rate limit, in memory in this process: one token bucket per client id. Each gateway replica
 * counts on its own, so N replicas admit up to N times a client's limit. A changed limit takes effect with the next
 * request (the bucket starts full again).
 */
@ApplicationScoped
public class RateLimiter {
    private final GatewayConfig.RateLimit config;
    private final Map<Long, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(GatewayConfig config) {
        this.config = config.rateLimit();
    }

    /**
     * Counts one request of the client.
     *
     * @param perSecond
     *            the client's own rate, null for the default; 0 is unlimited
     * @param burst
     *            the client's own burst, null for the default
     *
     * @throws RateLimited
     *             when the client is over its limit
     */
    public void admit(long clientId, Integer perSecond, Integer burst) {
        int rate = perSecond != null ? perSecond : config.defaultPerSecond();
        if (rate <= 0) {
            buckets.remove(clientId);
            return;
        }
        int capacity = Math.max(1, burst != null ? burst : config.defaultBurst().orElse(rate));
        long now = System.nanoTime();
        TokenBucket bucket = buckets.compute(clientId,
                (id, b) -> b != null && b.sameShape(rate, capacity) ? b : new TokenBucket(rate, capacity, now));
        long waitNanos = bucket.take(now);
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            throw new RateLimited(seconds, "Rate limit exceeded: at most " + rate + " requests per second (burst "
                    + capacity + ") for this client; retry after " + seconds + " s");
        }
    }
}
