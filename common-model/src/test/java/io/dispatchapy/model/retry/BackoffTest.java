package io.dispatchapy.model.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Optional<Duration> NONE = Optional.empty();

    /** A generator that must not be asked: the delay has no room for jitter. */
    private static final RandomGenerator NO_RANDOM = () -> {
        throw new AssertionError("no random draw expected");
    };

    /** Always the upper end of the range, so the base delay itself is visible. */
    private static final RandomGenerator TOP = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new AssertionError("bounded draws only");
        }

        @Override
        public long nextLong(long origin, long bound) {
            return bound - 1;
        }
    };

    /** Always the lower end of the range. */
    private static final RandomGenerator BOTTOM = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new AssertionError("bounded draws only");
        }

        @Override
        public long nextLong(long origin, long bound) {
            return origin;
        }
    };

    @Test
    void firstPassWaitsExactlyMin() {
        assertThat(Backoff.delay(1, 5, 300, NONE, NO_RANDOM)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Backoff.delay(1, 1, 1, NONE, NO_RANDOM)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void minEqualToMaxIsAlwaysExactlyMin() {
        for (int pass = 1; pass <= 40; pass++) {
            assertThat(Backoff.delay(pass, 7, 7, NONE, NO_RANDOM)).isEqualTo(Duration.ofSeconds(7));
        }
    }

    @Test
    void maxBelowMinIsTreatedAsMin() {
        assertThat(Backoff.delay(1, 10, 3, NONE, NO_RANDOM)).isEqualTo(Duration.ofSeconds(10));
        assertThat(Backoff.delay(6, 10, 3, NONE, NO_RANDOM)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void zeroMinGivesNoDelay() {
        assertThat(Backoff.delay(1, 0, 300, NONE, NO_RANDOM)).isEqualTo(Duration.ZERO);
        assertThat(Backoff.delay(-3, -5, 0, NONE, NO_RANDOM)).isEqualTo(Duration.ZERO);
    }

    @Test
    void baseDoublesPerPassAndIsCappedAtMax() {
        assertThat(Backoff.delay(1, 2, 60, NONE, TOP)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Backoff.delay(2, 2, 60, NONE, TOP)).isEqualTo(Duration.ofSeconds(4));
        assertThat(Backoff.delay(3, 2, 60, NONE, TOP)).isEqualTo(Duration.ofSeconds(8));
        assertThat(Backoff.delay(4, 2, 60, NONE, TOP)).isEqualTo(Duration.ofSeconds(16));
        assertThat(Backoff.delay(5, 2, 60, NONE, TOP)).isEqualTo(Duration.ofSeconds(32));
        assertThat(Backoff.delay(6, 2, 60, NONE, TOP)).isEqualTo(Duration.ofSeconds(60));
        assertThat(Backoff.delay(7, 2, 60, NONE, TOP)).isEqualTo(Duration.ofSeconds(60));
        assertThat(Backoff.delay(100, 2, 60, NONE, TOP)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void jitterLowerEndIsHalfTheBaseButNeverBelowMin() {
        assertThat(Backoff.delay(2, 2, 60, NONE, BOTTOM)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Backoff.delay(4, 2, 60, NONE, BOTTOM)).isEqualTo(Duration.ofSeconds(8));
        assertThat(Backoff.delay(10, 2, 60, NONE, BOTTOM)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Backoff.delay(10, 50, 60, NONE, BOTTOM)).isEqualTo(Duration.ofSeconds(50));
    }

    @Test
    void jitterStaysWithinItsRangeOverManyDraws() {
        SplittableRandom random = new SplittableRandom(20240601L);
        int[][] cases = { { 1, 300 }, { 2, 60 }, { 5, 5 }, { 10, 11 }, { 0, 30 }, { 3, 3600 } };
        for (int[] c : cases) {
            long min = c[0] * 1000L;
            long max = Math.max(min, c[1] * 1000L);
            for (int pass = 1; pass <= 25; pass++) {
                long base = min;
                for (int i = 1; i < pass && base < max; i++) {
                    base *= 2;
                }
                base = Math.min(base, max);
                long low = Math.max(min, base / 2);
                long seenLow = Long.MAX_VALUE;
                long seenHigh = Long.MIN_VALUE;
                for (int draw = 0; draw < 400; draw++) {
                    long millis = Backoff.delay(pass, c[0], c[1], NONE, random).toMillis();
                    assertThat(millis).as("min=%s max=%s pass=%s", c[0], c[1], pass).isBetween(low, base);
                    seenLow = Math.min(seenLow, millis);
                    seenHigh = Math.max(seenHigh, millis);
                }
                if (base - low > 1000) {
                    // the draws really spread over the range (not a constant)
                    assertThat(seenHigh - seenLow).isGreaterThan((base - low) / 2);
                }
            }
        }
    }

    @Test
    void sameSeedGivesSameDelays() {
        SplittableRandom a = new SplittableRandom(7);
        SplittableRandom b = new SplittableRandom(7);
        for (int pass = 1; pass < 20; pass++) {
            assertThat(Backoff.delay(pass, 1, 300, NONE, a)).isEqualTo(Backoff.delay(pass, 1, 300, NONE, b));
        }
    }

    @Test
    void longerRetryAfterWins() {
        assertThat(Backoff.delay(1, 2, 60, Optional.of(Duration.ofSeconds(90)), NO_RANDOM))
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(Backoff.delay(1, 2, 60, Optional.of(Duration.ofMillis(2500)), NO_RANDOM))
                .isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void shorterRetryAfterDoesNotShortenTheDelay() {
        assertThat(Backoff.delay(1, 10, 60, Optional.of(Duration.ofSeconds(3)), NO_RANDOM))
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(Backoff.delay(1, 10, 60, Optional.of(Duration.ZERO), NO_RANDOM)).isEqualTo(Duration.ofSeconds(10));
        assertThat(Backoff.delay(1, 10, 60, Optional.of(Duration.ofSeconds(-30)), NO_RANDOM))
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(Backoff.delay(1, 10, 60, Optional.of(Duration.ofSeconds(Long.MIN_VALUE)), NO_RANDOM))
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void retryAfterIsCappedAtOneHour() {
        assertThat(Backoff.MAX_RETRY_AFTER).isEqualTo(Duration.ofHours(1));
        assertThat(Backoff.delay(1, 1, 60, Optional.of(Duration.ofDays(3)), NO_RANDOM)).isEqualTo(Duration.ofHours(1));
        assertThat(Backoff.delay(1, 1, 60, Optional.of(Duration.ofSeconds(Long.MAX_VALUE)), NO_RANDOM))
                .isEqualTo(Duration.ofHours(1));
        // a configured delay longer than an hour is still honoured
        assertThat(Backoff.delay(1, 7200, 7200, Optional.of(Duration.ofDays(1)), NO_RANDOM))
                .isEqualTo(Duration.ofSeconds(7200));
    }

    @Test
    void hugePassNumbersDoNotOverflow() {
        SplittableRandom random = new SplittableRandom(1);
        for (int pass : new int[] { 63, 64, 65, 1_000, 1_000_000, Integer.MAX_VALUE }) {
            assertThat(Backoff.delay(pass, 1, 300, NONE, TOP)).isEqualTo(Duration.ofSeconds(300));
            assertThat(Backoff.delay(pass, Integer.MAX_VALUE, Integer.MAX_VALUE, NONE, NO_RANDOM))
                    .isEqualTo(Duration.ofSeconds(Integer.MAX_VALUE));
            assertThat(Backoff.delay(pass, 1, Integer.MAX_VALUE, NONE, random).toMillis())
                    .isBetween(Integer.MAX_VALUE * 1000L / 2, Integer.MAX_VALUE * 1000L);
        }
    }

    @Test
    void hugePassWithZeroMinReturnsQuickly() {
        long started = System.nanoTime();
        assertThat(Backoff.delay(Integer.MAX_VALUE, 0, 300, NONE, NO_RANDOM)).isEqualTo(Duration.ZERO);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
    }
}
