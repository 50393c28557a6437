package io.dispatchapy.worker.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.queue.QueueException;
import io.dispatchapy.model.queue.TaskQueue;
import io.dispatchapy.worker.config.WorkerConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/** Extends the leases of this worker's tasks in flight, and returns dead workers' tasks to the queue. */
@ApplicationScoped
public class LeaseKeeper {
    private final TaskQueue queue;
    private final DispatchLoop loop;
    private final WorkerConfig config;

    public LeaseKeeper(TaskQueue queue, DispatchLoop loop, WorkerConfig config) {
        this.queue = queue;
        this.loop = loop;
        this.config = config;
    }

    @Scheduled(every = "${dispatchapy.worker.heartbeat-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        if (!config.enabled()) {
            return;
        }
        try {
            queue.extendLeases(loop.workerId(), loop.inFlight(), config.lease());
        } catch (QueueException e) {
            Log.warnf("Lease heartbeat failed: %s", e.getMessage());
        }
    }

    @Scheduled(every = "${dispatchapy.worker.recovery-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recover() {
        if (!config.enabled()) {
            return;
        }
        try {
            List<Long> recovered = queue.recoverExpired();
            if (!recovered.isEmpty()) {
                Log.infof("Recovered %d task(s) whose worker stopped answering: %s", recovered.size(),
                        recovered.size() > 20 ? recovered.subList(0, 20) + "…" : recovered);
                loop.wake();
            }
        } catch (QueueException e) {
            Log.warnf("Lease recovery failed: %s", e.getMessage());
        }
    }
}
