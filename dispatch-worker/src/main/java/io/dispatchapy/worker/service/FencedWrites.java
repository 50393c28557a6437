package io.dispatchapy.worker.service;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.dispatchapy.model.queue.QueueException;
import io.dispatchapy.worker.config.WorkerConfig;
import io.quarkus.logging.Log;

/**
 * Runs a worker's fenced queue write (attempt record, completion, failure, reschedule) and repeats it when the database
 * could not be reached (pool exhausted, connection dropped, server restarting) for up to {@code write-retry}. The task
 * stays in flight meanwhile, so its lease keeps being extended; if the lease is lost after all, the fence refuses the
 * write and the caller learns so. Without this, a provider request whose record hit a busy pool was sent but never
 * recorded, and its task waited for its lease to expire.
 */
@ApplicationScoped
public class FencedWrites {
    private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(50).toNanos();
    private static final long LONGEST_PAUSE_NANOS = Duration.ofSeconds(1).toNanos();

    private final Duration budget;
    private final DispatchMetrics metrics;

    @Inject
    public FencedWrites(WorkerConfig config, DispatchMetrics metrics) {
        this(config.writeRetry(), metrics);
    }

    FencedWrites(Duration budget, DispatchMetrics metrics) {
        this.budget = budget;
        this.metrics = metrics;
    }

    /**
     * @param what
     *            names the write in the log, e.g. "record the attempt of task 12"
     * @param write
     *            the fenced write: true when it was applied, false when the fence refused it
     *
     * @return the write's result
     *
     * @throws QueueException
     *             when the database stayed unreachable for the whole budget
     */
    public boolean run(String what, BooleanSupplier write) {
        long deadline = System.nanoTime() + budget.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        int tries = 1;
        while (true) {
            try {
                boolean applied = write.getAsBoolean();
                if (tries > 1) {
                    Log.infof("Could %s after %d tries (the database was busy or unreachable)", what, tries);
                }
                return applied;
            } catch (QueueException e) {
                if (System.nanoTime() + pause > deadline || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                metrics.writeRetried();
                LockSupport.parkNanos(pause); // backoff between tries of a write that must not be lost
                pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
                tries++;
            }
        }
    }
}
