package io.dispatchapy.gateway.service;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.dispatchapy.gateway.config.GatewayConfig;

/**
 * Bounds how many ingestion requests use the database at the same time ({@code dispatchapy.gateway.database-slots}). In
 * the standalone process the gateway shares its connection pool and the CPU with the dispatch worker: without a bound,
 * a flood of requests takes every connection and the worker's claims and completions queue behind them, so tasks pile
 * up faster than they go out. Requests over the bound wait here (not in the pool's queue) for up to {@code wait}, then
 * get 503 with {@code Retry-After}; nothing is stored for them.
 */
@ApplicationScoped
public class IngestionSlots {
    private final Semaphore slots;
    private final long waitNanos;

    @Inject
    public IngestionSlots(GatewayConfig config) {
        this(config.databaseSlots(), config.databaseSlotWait());
    }

    IngestionSlots(int slots, Duration wait) {
        this.slots = slots > 0 ? new Semaphore(slots, true) : null;
        this.waitNanos = wait.toNanos();
    }

    /** Whether requests wait for a slot ({@code database-slots} above 0). */
    public boolean bounded() {
        return slots != null;
    }

    public <T> T run(Supplier<T> work) {
        if (slots == null) {
            return work.get();
        }
        boolean acquired;
        try {
            acquired = slots.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new RetryLater(503, 1, "The gateway is busy; retry later");
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }
}
