package io.dispatchapy.worker.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.queue.AttemptRecord;
import io.dispatchapy.model.queue.Delivery;
import io.dispatchapy.model.queue.GroupCommit;
import io.dispatchapy.model.queue.TaskQueue;
import io.dispatchapy.worker.config.WorkerConfig;

/**
 * Completes delivered tasks in batches ({@link GroupCommit}): the delivery threads hand over their successful attempt
 * and wait; a writer thread records everything delivered meanwhile with one statement and one commit
 * ({@link TaskQueue#completeDelivered}). {@code complete-writers} threads write at the same time; their batches hold
 * different tasks, so they cannot deadlock. Fencing is the queue's: a task whose lease this worker lost is not
 * completed, and its caller learns so.
 */
@ApplicationScoped
public class BatchCompleter {
    private final GroupCommit<Completion, Boolean> batches;

    public BatchCompleter(TaskQueue queue, WorkerConfig config) {
        this.batches = new GroupCommit<>("dispatch-complete", config.completeWriters(), config.concurrency(),
                items -> write(queue, items));
    }

    private record Completion(String worker, Delivery delivery) {
    }

    /**
     * Records the successful attempt and marks the task delivered, returning once that is committed; false when this
     * worker no longer holds the task.
     */
    public boolean complete(String worker, long taskId, AttemptRecord attempt) {
        return batches.submit(new Completion(worker, new Delivery(taskId, attempt)));
    }

    @PreDestroy
    void close() {
        batches.close(); // the writers finish what is waiting, then end
    }

    private static List<Boolean> write(TaskQueue queue, List<Completion> items) {
        Map<String, List<Delivery>> byWorker = new LinkedHashMap<>();
        for (Completion c : items) {
            byWorker.computeIfAbsent(c.worker(), k -> new ArrayList<>()).add(c.delivery());
        }
        Map<String, Set<Long>> completed = new HashMap<>();
        byWorker.forEach((worker, deliveries) -> completed.put(worker, queue.completeDelivered(worker, deliveries)));
        return items.stream().map(c -> completed.get(c.worker()).contains(c.delivery().taskId())).toList();
    }
}
