package io.dispatchapy.worker.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.dispatchapy.model.queue.ClaimedTask;
import io.dispatchapy.model.queue.QueueException;
import io.dispatchapy.model.queue.TaskQueue;
import io.dispatchapy.worker.config.WorkerConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The claim loop: one thread claims batches of due tasks as long as delivery slots are free and hands them to a bounded
 * pool. It sleeps until a NOTIFY (see {@link QueueListener}), a finished delivery or the poll interval wakes it. On
 * shutdown it stops claiming, lets deliveries finish within the grace period and hands the rest back to the queue.
 */
@ApplicationScoped
public class DispatchLoop {
    private final TaskQueue queue;
    private final TaskProcessor processor;
    private final WorkerConfig config;
    private final String worker;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger wakeups = new AtomicInteger();
    private volatile boolean running;
    private volatile Thread thread;
    private ExecutorService pool;

    public DispatchLoop(TaskQueue queue, TaskProcessor processor, WorkerConfig config, WorkerIdentity identity) {
        this.queue = queue;
        this.processor = processor;
        this.config = config;
        this.worker = identity.id();
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            Log.info("Dispatch worker disabled (dispatchapy.worker.enabled=false)");
            return;
        }
        running = true;
        pool = Executors.newFixedThreadPool(config.concurrency(), daemonThreads("dispatch-send-"));
        thread = new Thread(this::loop, "dispatch-claim");
        thread.setDaemon(true);
        thread.start();
        Log.infof("Dispatch worker %s started: %d deliveries at a time", worker, config.concurrency());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (!running) {
            return;
        }
        running = false;
        wake();
        // let a claim that is under way hand its tasks to the pool first, so none is claimed after the snapshot below
        Thread claimThread = thread;
        if (claimThread != null) {
            try {
                claimThread.join(config.shutdownGrace().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pool.shutdown();
        try {
            // No shutdownNow(): an interrupted send would be recorded as a failed attempt and count against the
            // provider's passive health. Deliveries still running are handed back below; their threads are daemons,
            // and their later writes are fenced by the lease owner, so they change nothing.
            pool.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Long> left = new ArrayList<>(inFlight);
        if (!left.isEmpty()) {
            try {
                int released = queue.release(worker, left);
                Log.infof("Handed %d unfinished task(s) back to the queue", released);
            } catch (QueueException e) {
                Log.warnf("Could not hand back %d task(s); their leases will expire: %s", left.size(), e.getMessage());
            }
        }
    }

    /** Ids of tasks this worker is delivering now (for the lease heartbeat). */
    public Set<Long> inFlight() {
        return Set.copyOf(inFlight);
    }

    public String workerId() {
        return worker;
    }

    /** Makes the claim loop look at the queue now. */
    public void wake() {
        wakeups.incrementAndGet();
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void loop() {
        boolean backlog = false;
        while (running) {
            int seen = wakeups.get();
            int free = config.concurrency() - inFlight.size();
            boolean full = false;
            if (free >= minimumClaim(backlog)) {
                full = claimAndSubmit(Math.min(free, config.batchSize()));
                backlog = full;
            }
            if (!full && wakeups.get() == seen && running) {
                LockSupport.parkNanos(config.pollInterval().toNanos());
            }
        }
    }

    /**
     * While the last claim came back full (a backlog), wait until half a batch of slots is free: a claim costs about
     * the same for 1 row as for 32, so claiming each slot as it frees up would spend the database on claims. While the
     * queue is short, every free slot is filled at once, so a new task does not wait for others to finish.
     */
    private int minimumClaim(boolean backlog) {
        return backlog ? Math.max(1, Math.min(config.batchSize(), config.concurrency()) / 2) : 1;
    }

    /** @return true when the batch came back full, so there is probably more to claim at once */
    private boolean claimAndSubmit(int limit) {
        List<ClaimedTask> claimed;
        try {
            claimed = queue.claim(worker, limit, config.lease());
        } catch (QueueException e) {
            Log.warnf("Cannot claim tasks (database unavailable?): %s",
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            return false;
        }
        for (ClaimedTask task : claimed) {
            inFlight.add(task.id());
            pool.execute(() -> run(task));
        }
        return claimed.size() == limit;
    }

    private void run(ClaimedTask task) {
        try {
            processor.process(worker, task);
        } catch (QueueException e) {
            Log.warnf("Task %d: database error, the lease will expire and the task return: %s", task.id(),
                    e.getMessage());
        } catch (RuntimeException e) {
            Log.errorf(e, "Task %d could not be processed", task.id());
            failQuietly(task, "Internal error: " + e.getMessage());
        } finally {
            inFlight.remove(task.id());
            wake();
        }
    }

    private void failQuietly(ClaimedTask task, String error) {
        try {
            queue.fail(worker, task.id(), error);
        } catch (QueueException e) {
            Log.warnf("Task %d: could not record the failure: %s", task.id(), e.getMessage());
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
