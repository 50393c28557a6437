package io.dispatchapy.model.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;

/**
 * Wakes the workers after inserts with one {@code NOTIFY} for many tasks.
 * <p>
 * A notifying transaction holds PostgreSQL's database-wide notification lock through its commit (WAL flush), so inserts
 * that notify themselves commit one after the other and cannot group-commit. Instead, an insert only marks the queue
 * dirty; one thread sends a single {@code NOTIFY} on its own connection whenever it is dirty, at most one at a time:
 * inserts that commit while a {@code NOTIFY} is on its way are covered by the next one. The first insert after a quiet
 * spell is announced at once (no timer), so an idle worker wakes as promptly as before. Workers also poll, so a lost
 * notification (database restart) only delays delivery by the poll interval.
 */
@ApplicationScoped
public class TaskNotifier {
    /** The connection is given back to the pool after this long without inserts. */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final DataSource dataSource;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private volatile Thread thread;
    private volatile boolean closed;

    public TaskNotifier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A pending task was committed: the workers will be notified shortly. */
    public void taskReady() {
        dirty.set(true);
        Thread t = thread;
        if (t == null) {
            t = start();
        }
        LockSupport.unpark(t);
    }

    /** At shutdown, before beans (the pool among them) are destroyed in no particular order. */
    void onStop(@Observes ShutdownEvent event) {
        close();
    }

    /** Stops the thread and waits (briefly) until it has given its connection back, before the pool closes it. */
    @PreDestroy
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized Thread start() {
        if (thread == null) {
            Thread t = new Thread(this::run, "dispatchapy-notify");
            t.setDaemon(true);
            t.start();
            thread = t;
        }
        return thread;
    }

    private void run() {
        Connection c = null;
        long lastSent = System.nanoTime();
        while (!closed) {
            if (dirty.getAndSet(false)) {
                try {
                    if (c == null) {
                        c = dataSource.getConnection();
                    }
                    send(c);
                    lastSent = System.nanoTime();
                } catch (SQLException | RuntimeException e) {
                    c = closeQuietly(c);
                    dirty.set(true); // try again; the workers' poll covers the meantime
                    LockSupport.parkNanos(RETRY_NANOS);
                }
            } else {
                if (c != null && System.nanoTime() - lastSent > IDLE_NANOS) {
                    c = closeQuietly(c);
                }
                LockSupport.parkNanos(IDLE_NANOS);
            }
        }
        closeQuietly(c);
    }

    private static void send(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.setAutoCommit(true);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, '')")) {
            ps.setString(1, TaskQueue.CHANNEL);
            ps.execute();
        }
    }

    private static Connection closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException e) {
                // broken or already closed: nothing to give back
            }
        }
        return null;
    }
}
