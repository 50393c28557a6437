package io.dispatchapy.worker.service;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.worker.config.WorkerConfig;

/**
 * Keeps each endpoint's delivery plan for {@code dispatchapy.worker.plan-cache} (default 2 s), so a busy worker reads
 * the configuration a few times a second instead of four queries per task. Changes made in the admin UI therefore reach
 * deliveries within that time. A resource that passive health takes DOWN drops every cached plan at once
 * ({@link #invalidate()}), so this worker stops sending to it immediately.
 * <p>
 * It also remembers, for as long, which resources' passive failure count this worker has just reset to 0, so that
 * further successes need not write it again ({@link PassiveHealth}).
 */
@ApplicationScoped
public class DeliveryPlanCache {
    private final DeliveryPlanRepository repository;
    private final long ttlNanos;
    private final Map<Key, Entry> plans = new ConcurrentHashMap<>();
    /** resource id → System.nanoTime() when this worker last reset its passive failure count */
    private final Map<Long, Long> passiveResets = new ConcurrentHashMap<>();

    public DeliveryPlanCache(DeliveryPlanRepository repository, WorkerConfig config) {
        this.repository = repository;
        this.ttlNanos = config.planCache().toNanos();
    }

    private record Key(Long endpointId, Long clientId) {
    }

    private record Entry(Optional<DeliveryPlan> plan, long loadedAt) {
    }

    /** The plan, or empty when the endpoint no longer exists; at most {@code plan-cache} old. */
    public Optional<DeliveryPlan> get(Long endpointId, Long clientId) {
        if (ttlNanos <= 0) {
            return repository.load(endpointId, clientId);
        }
        Key key = new Key(endpointId, clientId);
        long now = System.nanoTime();
        Entry e = plans.get(key);
        if (e == null || now - e.loadedAt() >= ttlNanos) {
            e = new Entry(repository.load(endpointId, clientId), now);
            plans.put(key, e);
        }
        return e.plan();
    }

    /** Whether this worker reset the resource's passive failure count less than {@code plan-cache} ago. */
    public boolean passiveCountKnownZero(long resourceId) {
        Long at = passiveResets.get(resourceId);
        return at != null && System.nanoTime() - at < ttlNanos;
    }

    /** The resource's passive failure count was just reset (or found 0). */
    public void passiveCountReset(long resourceId) {
        passiveResets.put(resourceId, System.nanoTime());
    }

    /** A delivery to the resource failed: its count is no longer known. */
    public void passiveCountUnknown(long resourceId) {
        passiveResets.remove(resourceId);
    }

    /** Forgets every plan and count: the next task of each endpoint reads its configuration again. */
    public void invalidate() {
        plans.clear();
        passiveResets.clear();
    }
}
