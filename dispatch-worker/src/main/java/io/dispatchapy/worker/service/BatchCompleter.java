package io.dispatchapy.worker.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.queue.AttemptRecord;
import io.dispatchapy.model.queue.Delivery;
import io.dispatchapy.model.queue.QueueException;
import io.dispatchapy.model.queue.TaskQueue;

/**
 * Completes delivered tasks in batches: the delivery threads hand over their successful attempt and wait; one thread
 * writes everything that has arrived meanwhile with one statement and one commit ({@link TaskQueue#completeDelivered}).
 * There is no timer: while one batch commits, the next one gathers, so a lone delivery is written at once and a busy
 * worker writes many per commit. Fencing is the queue's: a task whose lease this worker lost is not completed, and its
 * caller learns so.
 */
@ApplicationScoped
public class BatchCompleter {
    private static final long POLL_MILLIS = 200;

    private final TaskQueue queue;
    private final BlockingQueue<Waiting> waiting = new LinkedBlockingQueue<>();
    private volatile Thread thread;
    private volatile boolean closed;

    public BatchCompleter(TaskQueue queue) {
        this.queue = queue;
    }

    private record Waiting(String worker, Delivery delivery, CompletableFuture<Boolean> done) {
    }

    /**
     * Records the successful attempt and marks the task delivered, returning once that is committed; false when this
     * worker no longer holds the task.
     */
    public boolean complete(String worker, long taskId, AttemptRecord attempt) {
        Delivery delivery = new Delivery(taskId, attempt);
        if (closed) {
            return queue.completeDelivered(worker, List.of(delivery)).contains(taskId);
        }
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        Waiting item = new Waiting(worker, delivery, done);
        waiting.add(item);
        if (closed && waiting.remove(item)) {
            // closed meanwhile: the thread may already have ended, so nobody else would write this one
            return queue.completeDelivered(worker, List.of(delivery)).contains(taskId);
        }
        if (thread == null) {
            start();
        }
        try {
            return done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    @PreDestroy
    void close() {
        closed = true; // the thread finishes what is waiting, then ends
    }

    private synchronized void start() {
        if (thread == null) {
            Thread t = new Thread(this::run, "dispatch-complete");
            t.setDaemon(true);
            t.start();
            thread = t;
        }
    }

    private void run() {
        while (!closed || !waiting.isEmpty()) {
            Waiting first;
            try {
                first = waiting.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failAll(new QueueException("Batch completer interrupted", e));
                return;
            }
            if (first != null) {
                List<Waiting> batch = new ArrayList<>();
                batch.add(first);
                waiting.drainTo(batch);
                flush(batch);
            }
        }
    }

    private void flush(List<Waiting> batch) {
        Map<String, List<Waiting>> byWorker = new LinkedHashMap<>();
        for (Waiting w : batch) {
            byWorker.computeIfAbsent(w.worker(), k -> new ArrayList<>()).add(w);
        }
        byWorker.forEach((worker, items) -> {
            try {
                Set<Long> completed = queue.completeDelivered(worker, items.stream().map(Waiting::delivery).toList());
                items.forEach(w -> w.done().complete(completed.contains(w.delivery().taskId())));
            } catch (RuntimeException e) {
                items.forEach(w -> w.done().completeExceptionally(e));
            }
        });
    }

    private void failAll(RuntimeException e) {
        List<Waiting> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(w -> w.done().completeExceptionally(e));
    }
}
