package io.dispatchapy.health.service;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.dispatchapy.health.config.HealthConfig;
import io.dispatchapy.model.health.CheckTarget;
import io.dispatchapy.model.health.HealthLedger;
import io.dispatchapy.model.health.HealthQueue;
import io.dispatchapy.model.health.ProbeResult;
import io.dispatchapy.model.health.ResourceProber;
import io.dispatchapy.model.queue.QueueException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Claims due checks (never more than free slots) and runs them on a bounded pool, so a slow provider never delays the
 * others and two replicas never check the same resource in one interval.
 */
@ApplicationScoped
public class CheckScheduler {
    private final HealthQueue queue;
    private final ResourceProber prober;
    private final HealthLedger ledger;
    private final HealthConfig config;
    private final MeterRegistry metrics;
    private final AtomicInteger running = new AtomicInteger();
    private final ExecutorService pool;

    public CheckScheduler(HealthQueue queue, ResourceProber prober, HealthLedger ledger, HealthConfig config,
            MeterRegistry metrics) {
        this.queue = queue;
        this.prober = prober;
        this.ledger = ledger;
        this.config = config;
        this.metrics = metrics;
        this.pool = Executors.newFixedThreadPool(config.concurrency(), r -> {
            Thread t = new Thread(r, "health-check");
            t.setDaemon(true);
            return t;
        });
    }

    @Scheduled(every = "${dispatchapy.health.tick:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.enabled()) {
            return;
        }
        int free = config.concurrency() - running.get();
        if (free <= 0) {
            return;
        }
        try {
            List<CheckTarget> due = queue.claimDueChecks(free, config.checkLease());
            for (CheckTarget target : due) {
                running.incrementAndGet();
                pool.execute(() -> check(target));
            }
            ledger.halfOpen(config.halfOpenCoolDown());
        } catch (QueueException e) {
            Log.warnf("Cannot claim health checks (database unavailable?): %s", e.getMessage());
        }
    }

    private void check(CheckTarget target) {
        try {
            ProbeResult result = prober.probe(target);
            metrics.counter("dispatchapy.health.checks", "resource", target.name(), "outcome",
                    result.success() ? "success" : "failed").increment();
            var outcome = ledger.recordCheck(target.resourceId(), target.method(), false, result);
            if (outcome.changed()) {
                Log.infof("Resource '%s' is now %s (active check: %s)", target.name(), outcome.status(),
                        result.detail());
            }
        } catch (RuntimeException e) {
            Log.errorf(e, "Health check of resource '%s' failed unexpectedly", target.name());
        } finally {
            running.decrementAndGet();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        pool.shutdown();
        try {
            pool.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
