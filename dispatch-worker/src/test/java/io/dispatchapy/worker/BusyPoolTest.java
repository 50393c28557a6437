package io.dispatchapy.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.dispatchapy.model.queue.NewTask;
import io.dispatchapy.model.queue.TaskQueue;
import io.dispatchapy.model.testing.DatabaseCleaner;
import io.dispatchapy.model.testing.Fixtures;
import io.dispatchapy.model.testing.PostgresResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A delivery whose records meet an exhausted connection pool (as when many deliveries fail over at once on a starved
 * machine): while the first provider holds its answer, the test takes every connection of the worker's pool, lets the
 * provider answer, and gives the connections back only after the worker's record of that attempt has timed out waiting
 * for one several times. The worker must still record every attempt it made and finish the task, instead of dropping
 * the record and leaving the task for its lease to expire.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestProfile(BusyPoolTest.SmallPool.class)
class BusyPoolTest {
    static final int POOL_SIZE = 4;

    public static class SmallPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.max-size", String.valueOf(POOL_SIZE),
                    "quarkus.datasource.jdbc.acquisition-timeout", "1S", "dispatchapy.worker.write-retry", "30s",
                    "dispatchapy.worker.plan-cache", "0s");
        }
    }

    @Inject
    DataSource dataSource;
    @Inject
    TaskQueue queue;
    @Inject
    MeterRegistry registry;
    Fixtures db;
    long clientId;
    HttpServer provider;
    final CountDownLatch downReceived = new CountDownLatch(1);
    final CountDownLatch downMayAnswer = new CountDownLatch(1);
    final AtomicInteger downRequests = new AtomicInteger();
    final AtomicInteger upRequests = new AtomicInteger();

    @BeforeEach
    void setUp() throws IOException {
        DatabaseCleaner.clean(dataSource);
        db = new Fixtures(dataSource);
        clientId = db.client("shop", "dpy_busy-pool");
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        provider.setExecutor(Executors.newCachedThreadPool());
        provider.createContext("/down", exchange -> {
            drain(exchange.getRequestBody());
            downRequests.incrementAndGet();
            downReceived.countDown();
            try {
                downMayAnswer.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        provider.createContext("/up", exchange -> {
            drain(exchange.getRequestBody());
            upRequests.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        provider.start();
    }

    @AfterEach
    void stopProvider() {
        downMayAnswer.countDown();
        provider.stop(0);
    }

    String url(String path) {
        return "http://127.0.0.1:" + provider.getAddress().getPort() + path;
    }

    @Test
    void attemptsMadeWhileThePoolIsExhaustedAreRecordedAndTheTaskFinishes() throws Exception {
        long down = db.resource("down", url("/down"));
        long up = db.resource("up", url("/up"));
        long ep = db.endpoint("busy", List.of(), down, up);
        double retriesBefore = writeRetries();

        long id = queue.insert(new NewTask(clientId, "shop", ep, "busy", null, null, "{}", false, null, null)).taskId();
        assertThat(downReceived.await(20, TimeUnit.SECONDS)).as("the first provider was called").isTrue();
        List<Connection> held = takeEveryConnection();
        try {
            downMayAnswer.countDown();
            // the record of the failed attempt times out waiting for a connection and is repeated: keep the pool
            // empty until that has happened several times
            await().atMost(Duration.ofSeconds(30)).until(() -> writeRetries() >= retriesBefore + 3);
            assertThat(status(held.get(0), id)).as("still this worker's, waiting to record").isEqualTo("processing");
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }

        await().atMost(Duration.ofSeconds(20))
                .until(() -> "success".equals(db.queryValue("SELECT status FROM task WHERE id = ?", id)));
        assertThat(downRequests).hasValue(1);
        assertThat(upRequests).hasValue(1);
        assertThat(db.queryValue("SELECT string_agg(resource_name || ':' || outcome, ',' ORDER BY attempt_no) "
                + "FROM task_attempt WHERE task_id = ?", id)).isEqualTo("down:failed,up:success");
        assertThat(db.count("SELECT count(*) FROM task_event WHERE task_id = ? AND message LIKE 'Lease expired%'", id))
                .isZero();
    }

    /**
     * Takes every connection the worker could use: all but the one its LISTEN thread keeps. Others are in use only for
     * moments (claims, heartbeats, the NOTIFY sender until it has been idle for a while), so the test waits for them.
     */
    List<Connection> takeEveryConnection() throws SQLException {
        List<Connection> held = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (held.size() < POOL_SIZE - 1) {
            try {
                held.add(dataSource.getConnection());
            } catch (SQLException timedOut) {
                if (System.nanoTime() > deadline) {
                    throw timedOut;
                }
            }
        }
        return held;
    }

    static String status(Connection c, long taskId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM task WHERE id = ?")) {
            ps.setLong(1, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    double writeRetries() {
        return registry.counter("dispatchapy.queue.write.retries").count();
    }

    static void drain(InputStream in) throws IOException {
        try (in) {
            in.readAllBytes();
        }
    }
}
