package io.dispatchapy.gateway.service;

import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.gateway.config.GatewayConfig;
import io.dispatchapy.model.queue.GroupCommit;
import io.dispatchapy.model.queue.InsertResult;
import io.dispatchapy.model.queue.NewTask;
import io.dispatchapy.model.queue.TaskQueue;

/**
 * Stores accepted requests in batches: each request thread hands over its task and waits; a writer stores everything
 * accepted meanwhile with one statement and one commit ({@link TaskQueue#insertAll}), so a flood of requests costs the
 * database one commit per batch instead of one per request, and holds {@code insert-writers} connections instead of one
 * per request. A request is answered only after its batch is committed.
 */
@ApplicationScoped
public class TaskInserter {
    private final GroupCommit<NewTask, TaskQueue.Stored> batches;

    public TaskInserter(TaskQueue queue, GatewayConfig config) {
        this.batches = new GroupCommit<>("ingest-insert", config.insertWriters(), config.insertBatch(),
                queue::insertAll);
    }

    /** Stores the task (or finds the earlier one of its Idempotency-Key) once committed. */
    public InsertResult insert(NewTask task) {
        return batches.submit(task).get();
    }

    /** As {@link #insert}, without waiting; completes on the writer thread (or fails with the task's error). */
    public CompletableFuture<InsertResult> insertAsync(NewTask task) {
        return batches.submitAsync(task).thenApply(TaskQueue.Stored::get);
    }

    @PreDestroy
    void close() {
        batches.close();
    }
}
