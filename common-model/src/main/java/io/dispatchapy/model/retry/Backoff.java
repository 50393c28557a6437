package io.dispatchapy.model.retry;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Delay before the next pass of a task: exponential from {@code min} (pass 1 waits min, pass 2 twice that, and so on),
 * capped at {@code max}, with jitter in the upper half so that tasks failing together do not come back together. A
 * provider's {@code Retry-After} wins when it asks for longer, up to {@link #MAX_RETRY_AFTER}.
 */
public final class Backoff {
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private Backoff() {
    }

    public static Duration delay(int pass, int minSeconds, int maxSeconds, Optional<Duration> retryAfter,
            RandomGenerator random) {
        long min = Math.max(0, minSeconds) * 1000L;
        long max = Math.max(min, maxSeconds * 1000L);
        long base = min;
        for (int i = 1; i < pass && base > 0 && base < max; i++) {
            base = base * 2;
        }
        base = Math.min(max, Math.max(base, 0));
        long low = Math.max(min, base / 2);
        long millis = low >= base ? base : random.nextLong(low, base + 1);
        if (retryAfter.isPresent()) {
            Duration after = retryAfter.get();
            long asked = after.isNegative() ? 0
                    : after.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER.toMillis() : after.toMillis();
            millis = Math.max(millis, asked);
        }
        return Duration.ofMillis(millis);
    }
}
