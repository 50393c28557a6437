package io.dispatchapy.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.dispatchapy.model.queue.NewTask;
import io.dispatchapy.model.queue.TaskQueue;
import io.dispatchapy.model.testing.CountingProvider;
import io.dispatchapy.model.testing.DatabaseCleaner;
import io.dispatchapy.model.testing.Fixtures;
import io.dispatchapy.model.testing.PostgresResource;
import io.dispatchapy.model.testing.ServiceProcess;

/** Two worker processes on one database: every task delivered exactly once. */
class TwoWorkersIT {
    static final int TASKS = 2000;

    @Test
    void twoWorkerProcessesDeliverEveryTaskExactlyOnce() throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(PostgresResource.jdbcUrl());
        ds.setUser(PostgresResource.username());
        ds.setPassword(PostgresResource.password());
        Path jar = Path.of(System.getProperty("dispatchapy.worker.jar"));

        try (CountingProvider provider = new CountingProvider(0);
                ServiceProcess w1 = ServiceProcess.start(jar, "worker-1", Map.of("DISPATCHAPY_WORKER_ID", "w1"),
                        Duration.ofSeconds(90));
                ServiceProcess w2 = ServiceProcess.start(jar, "worker-2", Map.of("DISPATCHAPY_WORKER_ID", "w2"),
                        Duration.ofSeconds(90))) {
            DatabaseCleaner.clean(ds);
            Fixtures db = new Fixtures(ds);
            long resource = db.resource("counting", provider.url());
            long endpoint = db.endpoint("bulk", List.of(), resource);
            long client = db.client("bulk", "dpy_bulk");
            TaskQueue queue = new TaskQueue(ds);

            Set<Long> ids = ConcurrentHashMap.newKeySet();
            ExecutorService senders = Executors.newFixedThreadPool(8);
            AtomicInteger n = new AtomicInteger();
            for (int t = 0; t < 8; t++) {
                senders.execute(() -> {
                    while (n.incrementAndGet() <= TASKS) {
                        ids.add(queue.insert(new NewTask(client, "bulk", endpoint, "bulk", null, null,
                                "{\"n\":" + n.get() + "}", false, null, null)).taskId());
                    }
                });
            }
            senders.shutdown();
            assertThat(senders.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
            assertThat(ids).hasSize(TASKS);

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> db.count("SELECT count(*) FROM task WHERE status = 'success'") == TASKS);

            Map<String, AtomicInteger> accepted = provider.accepted();
            assertThat(accepted.keySet()).isEqualTo(ids.stream().map(String::valueOf).collect(Collectors.toSet()));
            assertThat(accepted.values()).allMatch(c -> c.get() == 1);
            assertThat(db.count("SELECT count(*) FROM task_attempt")).isEqualTo(TASKS);
            assertThat(db.count("SELECT count(*) FROM task WHERE attempts <> 1")).isZero();
            // both processes took part
            assertThat(deliveredBy(w1)).isPositive();
            assertThat(deliveredBy(w2)).isPositive();
            assertThat(deliveredBy(w1) + deliveredBy(w2)).isEqualTo(TASKS);
        }
    }

    static double deliveredBy(ServiceProcess worker) {
        String metrics = io.restassured.RestAssured.get(worker.baseUrl() + "/q/metrics").asString();
        return metrics.lines().filter(l -> l.startsWith("dispatchapy_tasks_delivered_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
