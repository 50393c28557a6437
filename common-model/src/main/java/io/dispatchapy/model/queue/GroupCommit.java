package io.dispatchapy.model.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Writes items from many blocking callers in batches, one statement and one commit per batch: a caller hands over its
 * item and waits; one of {@code writers} threads takes everything that has arrived meanwhile (up to {@code maxBatch})
 * and writes it. There is no timer: while one batch commits, the next one gathers, so a lone item is written at once
 * and a busy process writes many per commit. Several writers let a batch gather and commit while another commits.
 * <p>
 * The batch function returns one result per item, in order; if it throws, every caller of that batch gets the
 * exception. After {@link #close()}, callers write their item alone on their own thread.
 *
 * @param <I>
 *            what a caller writes
 * @param <O>
 *            what the caller gets back
 */
public final class GroupCommit<I, O> {
    private static final long POLL_MILLIS = 200;

    private final String name;
    private final int writers;
    private final int maxBatch;
    private final Function<List<I>, List<O>> write;
    private final BlockingQueue<Waiting<I, O>> waiting = new LinkedBlockingQueue<>();
    private volatile boolean started;
    private volatile boolean closed;

    public GroupCommit(String name, int writers, int maxBatch, Function<List<I>, List<O>> write) {
        this.name = name;
        this.writers = Math.max(1, writers);
        this.maxBatch = Math.max(1, maxBatch);
        this.write = write;
    }

    private record Waiting<I, O>(I item, CompletableFuture<O> done) {
    }

    /** Writes the item with others that arrive meanwhile; returns its result once committed. */
    public O submit(I item) {
        CompletableFuture<O> done = enqueue(item);
        if (done == null) {
            return writeAlone(item);
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

    /**
     * As {@link #submit}, without waiting: the result completes on the writer thread once the batch is committed (keep
     * what runs on it short). After {@link #close()}, the item is written alone on another thread.
     */
    public CompletableFuture<O> submitAsync(I item) {
        CompletableFuture<O> done = enqueue(item);
        return done != null ? done : CompletableFuture.supplyAsync(() -> writeAlone(item));
    }

    /** @return the item's result to come, or null when closed (the caller writes it alone) */
    private CompletableFuture<O> enqueue(I item) {
        if (closed) {
            return null;
        }
        Waiting<I, O> w = new Waiting<>(item, new CompletableFuture<>());
        waiting.add(w);
        if (closed && waiting.remove(w)) {
            // closed meanwhile: the writers may already have ended, so nobody else would write this one
            return null;
        }
        if (!started) {
            start();
        }
        return w.done();
    }

    /** Items handed over and not yet taken by a writer. */
    int waiting() {
        return waiting.size();
    }

    /** Lets the writers finish what is waiting, then end. */
    public void close() {
        closed = true;
    }

    private O writeAlone(I item) {
        return write.apply(List.of(item)).get(0);
    }

    private synchronized void start() {
        if (!started) {
            for (int i = 1; i <= writers; i++) {
                Thread t = new Thread(this::run, name + "-" + i);
                t.setDaemon(true);
                t.start();
            }
            started = true;
        }
    }

    private void run() {
        while (!closed || !waiting.isEmpty()) {
            Waiting<I, O> first;
            try {
                first = waiting.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failWaiting(new QueueException(name + " interrupted", e));
                return;
            }
            if (first != null) {
                List<Waiting<I, O>> batch = new ArrayList<>();
                batch.add(first);
                waiting.drainTo(batch, maxBatch - 1);
                flush(batch);
            }
        }
    }

    private void flush(List<Waiting<I, O>> batch) {
        try {
            List<O> results = write.apply(batch.stream().map(Waiting::item).toList());
            if (results.size() != batch.size()) {
                throw new IllegalStateException(name + ": " + results.size() + " results for " + batch.size());
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(results.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(w -> w.done().completeExceptionally(e));
        }
    }

    private void failWaiting(RuntimeException e) {
        List<Waiting<I, O>> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(w -> w.done().completeExceptionally(e));
    }
}
