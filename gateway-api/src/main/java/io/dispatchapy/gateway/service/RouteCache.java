package io.dispatchapy.gateway.service;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.dispatchapy.gateway.config.GatewayConfig;

/**
 * Keeps the routes of authorised callers (an active endpoint and a client linked to it, by path and token hash) for
 * {@code dispatchapy.gateway.route-cache}, so a busy client costs one lookup per period instead of one per request.
 * Refusals (unknown path or token, client not linked) are never kept: a new endpoint, client or link works at once; a
 * change that takes a permission away (deactivation, token rotation without grace, unlinking) and changes of the
 * required parameters, hold switches or rate limits reach ingestion within that period. Only token hashes are kept. The
 * number of entries is bounded; when full, the cache starts again empty.
 */
@ApplicationScoped
public class RouteCache {
    static final int MAX_ENTRIES = 10_000;

    private record Key(String path, String tokenHash) {
    }

    private record Entry(Route route, long expiresAtNanos) {
    }

    private final RouteLookup lookup;
    private final long ttlNanos;
    private final LongSupplier clock;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    @Inject
    public RouteCache(RouteLookup lookup, GatewayConfig config) {
        this(lookup, config.routeCache(), System::nanoTime);
    }

    RouteCache(RouteLookup lookup, Duration ttl, LongSupplier clock) {
        this.lookup = lookup;
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
    }

    /**
     * The route of an authorised caller when it is cached and fresh, without a database lookup (for a thread that must
     * not block); empty otherwise, also for every refusal, which is never cached.
     */
    public Optional<Route> cached(String path, String tokenHash) {
        if (ttlNanos <= 0) {
            return Optional.empty();
        }
        Entry cached = entries.get(new Key(path, tokenHash));
        return cached != null && clock.getAsLong() - cached.expiresAtNanos() < 0 ? Optional.of(cached.route())
                : Optional.empty();
    }

    public Optional<Route> find(String path, String tokenHash) {
        if (ttlNanos <= 0) {
            return lookup.find(path, tokenHash);
        }
        Key key = new Key(path, tokenHash);
        long now = clock.getAsLong();
        Entry cached = entries.get(key);
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return Optional.of(cached.route());
        }
        Optional<Route> found = lookup.find(path, tokenHash);
        if (found.isPresent() && found.get().clientId() != null && found.get().linked()) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(key, new Entry(found.get(), now + ttlNanos));
        } else if (cached != null) {
            entries.remove(key);
        }
        return found;
    }
}
