package io.dispatchapy.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RouteCacheTest {
    static final Route LINKED = new Route(1, "send", List.of(), false, 7L, "shop", false, true, null, null);
    static final Route NOT_LINKED = new Route(1, "send", List.of(), false, 7L, "shop", false, false, null, null);
    static final Route NO_CLIENT = new Route(1, "send", List.of(), false, null, null, false, false, null, null);

    /** A lookup that answers from a list and counts its calls. */
    static class FakeLookup extends RouteLookup {
        final List<String> calls = new ArrayList<>();
        Optional<Route> answer = Optional.of(LINKED);

        FakeLookup() {
            super(null, null);
        }

        @Override
        public Optional<Route> find(String path, String tokenHash) {
            calls.add(path + "/" + tokenHash);
            return answer;
        }
    }

    final FakeLookup lookup = new FakeLookup();
    final AtomicLong now = new AtomicLong(1_000);

    RouteCache cache(Duration ttl) {
        return new RouteCache(lookup, ttl, now::get);
    }

    @Test
    void anAuthorisedRouteIsReusedUntilItsTimeIsUp() {
        RouteCache cache = cache(Duration.ofSeconds(1));
        assertThat(cache.find("send", "h1")).contains(LINKED);
        now.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(cache.find("send", "h1")).contains(LINKED);
        assertThat(lookup.calls).hasSize(1);
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(cache.find("send", "h1")).contains(LINKED);
        assertThat(lookup.calls).hasSize(2);
    }

    @Test
    void pathAndTokenAreBothPartOfTheKey() {
        RouteCache cache = cache(Duration.ofSeconds(1));
        cache.find("send", "h1");
        cache.find("send", "h2");
        cache.find("other", "h1");
        cache.find("send", "h1");
        assertThat(lookup.calls).containsExactly("send/h1", "send/h2", "other/h1");
    }

    @Test
    void refusalsAreNeverKept() {
        RouteCache cache = cache(Duration.ofHours(1));
        for (Optional<Route> refusal : List.of(Optional.<Route> empty(), Optional.of(NO_CLIENT),
                Optional.of(NOT_LINKED))) {
            lookup.answer = refusal;
            assertThat(cache.find("send", "h")).isEqualTo(refusal);
            assertThat(cache.find("send", "h")).isEqualTo(refusal);
        }
        assertThat(lookup.calls).hasSize(6);
        lookup.answer = Optional.of(LINKED); // e.g. the client was linked meanwhile: works at once
        assertThat(cache.find("send", "h")).contains(LINKED);
    }

    @Test
    void anExpiredRouteThatIsNowRefusedIsDropped() {
        RouteCache cache = cache(Duration.ofSeconds(1));
        cache.find("send", "h");
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        lookup.answer = Optional.of(NOT_LINKED);
        assertThat(cache.find("send", "h")).contains(NOT_LINKED);
        lookup.answer = Optional.of(LINKED);
        assertThat(cache.find("send", "h")).contains(LINKED);
        assertThat(lookup.calls).hasSize(3);
    }

    @Test
    void zeroLooksUpEveryTime() {
        RouteCache cache = cache(Duration.ZERO);
        cache.find("send", "h");
        cache.find("send", "h");
        assertThat(lookup.calls).hasSize(2);
    }

    @Test
    void theNumberOfEntriesIsBounded() {
        RouteCache cache = cache(Duration.ofHours(1));
        for (int i = 0; i <= RouteCache.MAX_ENTRIES; i++) {
            cache.find("send", "h" + i);
        }
        // the table was full at the last one and started again: the first token is looked up again
        cache.find("send", "h0");
        assertThat(lookup.calls).hasSize(RouteCache.MAX_ENTRIES + 2);
        // the newest one is still kept
        cache.find("send", "h" + RouteCache.MAX_ENTRIES);
        assertThat(lookup.calls).hasSize(RouteCache.MAX_ENTRIES + 2);
    }
}
