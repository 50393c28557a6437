package io.dispatchapy.worker.service;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.queue.TaskQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Delivery metrics (Prometheus names get the {@code _total} / {@code _seconds} suffixes). */
@ApplicationScoped
public class DispatchMetrics {
    private final MeterRegistry registry;
    private final Counter delivered;
    private final Counter failed;
    private final Timer latency;
    private final Counter writeRetries;

    public DispatchMetrics(MeterRegistry registry, TaskQueue queue) {
        this.registry = registry;
        this.delivered = registry.counter("dispatchapy.tasks.delivered");
        this.failed = registry.counter("dispatchapy.tasks.failed");
        this.latency = Timer.builder("dispatchapy.delivery.latency")
                .description("From acceptance to the provider's 2xx answer").publishPercentileHistogram()
                .register(registry);
        this.writeRetries = registry.counter("dispatchapy.queue.write.retries");
        Gauge.builder("dispatchapy.queue.depth", queue, q -> safeCount(q)).description("Tasks waiting (pending)")
                .register(registry);
    }

    public void attempt(String resource, boolean success) {
        registry.counter("dispatchapy.attempts", "resource", resource, "outcome", success ? "success" : "failed")
                .increment();
    }

    public void delivered(Instant acceptedAt) {
        delivered.increment();
        latency.record(Duration.between(acceptedAt, Instant.now()));
    }

    /** A fenced write of a delivery had to be repeated because the database could not be reached. */
    public void writeRetried() {
        writeRetries.increment();
    }

    public void failed() {
        failed.increment();
    }

    private static double safeCount(TaskQueue q) {
        try {
            return q.pendingCount();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
