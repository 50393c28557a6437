package io.dispatchapy.worker.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.dispatchapy.model.queue.TaskQueue;
import io.dispatchapy.worker.config.WorkerConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Holds one connection that LISTENs for new tasks and wakes the claim loop. Nothing depends on it: the loop also polls,
 * and the listener reconnects by itself after a database outage.
 */
@ApplicationScoped
public class QueueListener {
    private static final int WAIT_MILLIS = 1000;

    private final DataSource dataSource;
    private final DispatchLoop loop;
    private final WorkerConfig config;
    private volatile boolean running;
    private Thread thread;

    public QueueListener(DataSource dataSource, DispatchLoop loop, WorkerConfig config) {
        this.dataSource = dataSource;
        this.loop = loop;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::listen, "dispatch-listen");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Lets the listener give its connection back before the pool closes (within one wait); otherwise the pool closes it
     * in use and logs a warning at every shutdown.
     */
    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(2L * WAIT_MILLIS);
        }
    }

    private void listen() {
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + TaskQueue.CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                loop.wake(); // anything sent while we were not listening
                while (running) {
                    PGNotification[] notes = pg.getNotifications(WAIT_MILLIS);
                    if (notes != null && notes.length > 0) {
                        loop.wake();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    Log.debugf("Queue listener reconnecting: %s", e.getMessage());
                    java.util.concurrent.locks.LockSupport.parkNanos(config.pollInterval().toNanos());
                }
            }
        }
    }
}
