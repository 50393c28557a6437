package io.dispatchapy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.dispatchapy.model.testing.CountingProvider;
import io.dispatchapy.model.testing.ServiceProcess;

/**
 * The scaled-out installation as separate JVMs on one real PostgreSQL: gateway-api, admin-ui, two health-monitors and
 * two dispatch-workers, started at the same time (their Flyway migrations race under the advisory lock), configured
 * only through the admin API, fed only through the gateway. The scenarios share the processes and run in order; each
 * has its own endpoint and provider stubs, so each ledger is its own.
 * <p>
 * Sizes: {@code -Dit.tasks} (default 10000) for the ledger run; the other runs are smaller because they test recovery,
 * not throughput.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {
    static final int LEDGER_TASKS = Integer.getInteger("it.tasks", 10_000);
    static final int KILL_TASKS = Integer.getInteger("it.kill-tasks", 3_000);
    /** The lease of the worker killed with -9 (small, so the test is short). */
    static final Duration LEASE = Duration.ofSeconds(5);
    /**
     * The lease of the long-running workers: long enough that a heartbeat delayed by a starved CPU (this machine runs
     * PostgreSQL, seven JVMs and the load at once) never lets a lease run out under a delivery that is still going.
     */
    static final Duration STEADY_LEASE = Duration.ofSeconds(15);
    static final Duration RECOVERY_INTERVAL = Duration.ofSeconds(1);
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    Cluster cluster;
    ServiceProcess gateway;
    ServiceProcess admin;
    ServiceProcess w1;
    ServiceProcess w2;

    static Map<String, String> workerEnv(String id) {
        return workerEnv(id, STEADY_LEASE);
    }

    static Map<String, String> workerEnv(String id, Duration lease) {
        return Map.of("DISPATCHAPY_WORKER_ID", id, "DISPATCHAPY_WORKER_LEASE", lease.toSeconds() + "s",
                "DISPATCHAPY_WORKER_HEARTBEAT_INTERVAL", "1s", "DISPATCHAPY_WORKER_RECOVERY_INTERVAL",
                RECOVERY_INTERVAL.toSeconds() + "s", "DISPATCHAPY_WORKER_SHUTDOWN_GRACE",
                SHUTDOWN_GRACE.toSeconds() + "s", "DISPATCHAPY_WORKER_POLL_INTERVAL", "500ms",
                "DISPATCHAPY_WORKER_SETTINGS_CACHE", "1s");
    }

    @BeforeAll
    void startInstallation() {
        long t0 = System.nanoTime();
        cluster = new Cluster();
        Map<String, String> monitor = Map.of("DISPATCHAPY_HEALTH_TICK", "500ms");
        List<ServiceProcess> all = cluster.startAll(
                Map.entry("gateway", new Object[] { "dispatchapy.gateway.jar", Map.of() }),
                Map.entry("admin", new Object[] { "dispatchapy.admin.jar", Map.of() }),
                Map.entry("monitor-1", new Object[] { "dispatchapy.health.jar", monitor }),
                Map.entry("monitor-2", new Object[] { "dispatchapy.health.jar", monitor }),
                Map.entry("worker-1", new Object[] { "dispatchapy.worker.jar", workerEnv("w1") }),
                Map.entry("worker-2", new Object[] { "dispatchapy.worker.jar", workerEnv("w2") }));
        gateway = all.get(0);
        admin = all.get(1);
        w1 = all.get(4);
        w2 = all.get(5);
        System.out.printf("[it] 6 services started at once and ready in %d ms; schema version %d%n",
                (System.nanoTime() - t0) / 1_000_000,
                cluster.count("SELECT count(*) FROM flyway_schema_history WHERE success"));
        // one migration run: every version recorded once, none failed
        assertThat(cluster.count("SELECT count(*) FROM flyway_schema_history WHERE NOT success")).isZero();
        assertThat(cluster.count("SELECT count(*) - count(DISTINCT version) FROM flyway_schema_history")).isZero();
        cluster.setMaxAttempts(admin, 10);
    }

    @AfterAll
    void stopInstallation() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void everyAcceptedTaskIsDeliveredOnceAndEveryAttemptRecorded() throws Exception {
        try (CountingProvider flaky = new CountingProvider(0.5); CountingProvider solid = new CountingProvider(0)) {
            long a = cluster.resource(admin, "ledger-flaky", flaky.url());
            long b = cluster.resource(admin, "ledger-solid", solid.url());
            long endpoint = cluster.endpoint(admin, "ledger", a, b);
            String token = cluster.client(admin, "ledger-client", endpoint);

            long t0 = System.nanoTime();
            Load load = new Load(gateway.baseUrl(), "ledger", token);
            load.send(LEDGER_TASKS, 16, Duration.ofMinutes(3));
            long sentMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(load.other).isEmpty();
            assertThat(load.accepted).hasSize(LEDGER_TASKS);

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> cluster.count("SELECT count(*) FROM task WHERE endpoint_id = ? AND status = 'success'",
                            endpoint) == LEDGER_TASKS);
            long doneMs = (System.nanoTime() - t0) / 1_000_000;

            Map<String, Integer> delivered = merge(flaky.accepted(), solid.accepted());
            assertThat(delivered.keySet()).isEqualTo(new HashSet<>(Load.keys(load.accepted)));
            long twice = delivered.values().stream().filter(c -> c > 1).count();
            long leaseExpired = cluster.count("SELECT count(DISTINCT e.task_id) FROM task_event e JOIN task t ON "
                    + "t.id = e.task_id WHERE t.endpoint_id = ? AND e.message LIKE 'Lease expired%'", endpoint);
            assertThat(twice).as("tasks delivered more than once (tasks whose lease expired: %d)", leaseExpired)
                    .isZero();
            long attempts = cluster.count(
                    "SELECT count(*) FROM task_attempt a JOIN task t ON t.id = a.task_id WHERE t.endpoint_id = ?",
                    endpoint);
            assertThat(attempts).as("task_attempt rows = provider requests")
                    .isEqualTo(flaky.requests() + solid.requests());
            long failed = cluster.count("SELECT count(*) FROM task_attempt a JOIN task t ON t.id = a.task_id "
                    + "WHERE t.endpoint_id = ? AND a.outcome = 'failed'", endpoint);
            assertThat(failed).as("the flaky provider failed over").isPositive();
            double byW1 = delivered(w1);
            double byW2 = delivered(w2);
            assertThat(byW1).as("worker 1 delivered").isPositive();
            assertThat(byW2).as("worker 2 delivered").isPositive();
            System.out.printf("[it] ledger: %d tasks accepted in %d ms, all delivered after %d ms; %d attempts "
                    + "(%d failed, flaky got %d requests, solid %d), 0 duplicates; worker 1 delivered %.0f, worker 2 %.0f%n",
                    LEDGER_TASKS, sentMs, doneMs, attempts, failed, flaky.requests(), solid.requests(), byW1, byW2);
        }
    }

    @Test
    @Order(2)
    void databaseRestartUnderLoadLosesNothingAndAnswers503Meanwhile() throws Exception {
        try (CountingProvider provider = new CountingProvider(0)) {
            long r = cluster.resource(admin, "outage", provider.url());
            long endpoint = cluster.endpoint(admin, "outage", r);
            String token = cluster.client(admin, "outage-client", endpoint);
            Load load = new Load(gateway.baseUrl(), "outage", token);
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = load.sendUntil(stop, 4);

            await().atMost(Duration.ofSeconds(30)).until(() -> load.accepted.size() >= 300);
            long stopAt = System.nanoTime();
            cluster.stopDatabase();
            int acceptedBefore = load.accepted.size();
            // several seconds without a database: claims, heartbeats and completions all fail meanwhile
            await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(60))
                    .until(() -> load.unavailable.get() >= 20);
            long outageMs = (System.nanoTime() - stopAt) / 1_000_000;
            cluster.startDatabase();
            long startedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> load.lastAcceptedAtNanos.get() > startedAt);
            long gatewayRecoveryMs = (load.lastAcceptedAtNanos.get() - startedAt) / 1_000_000;
            int mark = load.accepted.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> load.accepted.size() >= mark + 300);
            stop.set(true);
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            Set<Long> accepted = load.accepted;
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> cluster.count("SELECT count(*) FROM task WHERE endpoint_id = ? AND status = 'success'",
                            endpoint) == cluster.count("SELECT count(*) FROM task WHERE endpoint_id = ?", endpoint));
            long deliveredAfterMs = (System.nanoTime() - startedAt) / 1_000_000;
            // no accepted task lost: each is in the database, finished, and reached the provider
            List<Long> inDb = cluster.ids("SELECT id FROM task WHERE endpoint_id = ?", endpoint);
            assertThat(inDb).containsAll(accepted);
            Map<String, Integer> delivered = merge(provider.accepted());
            assertThat(delivered.keySet()).containsAll(Load.keys(accepted));
            long duplicates = delivered.values().stream().filter(c -> c > 1).count();
            // answers during the outage: 503 with a detail, quickly; nothing else
            assertThat(load.unavailableWithoutDetail.get()).isZero();
            assertThat(load.slowestUnavailableMillis.get()).as("slowest 503 (ms)").isLessThan(10_000);
            assertThat(load.other).as("answers other than 200/503").isEmpty();
            // every service is ready again by itself
            for (ServiceProcess p : List.of(gateway, admin, w1, w2)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> ready(p));
            }
            System.out.printf("[it] outage: %d accepted before the stop, %d accepted in all; %d answers 503 (all with "
                    + "detail, slowest %d ms) during %d ms of outage; gateway accepted again %d ms after the restart; "
                    + "all delivered %d ms after the restart; %d delivered twice (same key)%n", acceptedBefore,
                    accepted.size(), load.unavailable.get(), load.slowestUnavailableMillis.get(), outageMs,
                    gatewayRecoveryMs, deliveredAfterMs, duplicates);
        }
    }

    @Test
    @Order(3)
    void sigtermOfAWorkerWithDeliveriesInFlightLosesNothing() throws Exception {
        try (SlowProvider provider = new SlowProvider(2_000)) {
            long r = cluster.resource(admin, "slow", provider.url());
            long endpoint = cluster.endpoint(admin, "slow", r);
            String token = cluster.client(admin, "slow-client", endpoint);
            Load load = new Load(gateway.baseUrl(), "slow", token);
            load.send(120, 4, Duration.ofSeconds(60));
            assertThat(load.accepted).hasSize(120);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> cluster.count(
                    "SELECT count(*) FROM task WHERE endpoint_id = ? AND status = 'processing' AND locked_by = 'w2'",
                    endpoint) > 0);
            List<Long> held = cluster.ids(
                    "SELECT id FROM task WHERE endpoint_id = ? AND status = 'processing' AND locked_by = 'w2'",
                    endpoint);
            long t0 = System.nanoTime();
            w2.close(); // SIGTERM, waits for the exit
            long exitMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(w2.isAlive()).isFalse();
            assertThat(cluster.count("SELECT count(*) FROM task WHERE endpoint_id = ? AND status = 'processing' "
                    + "AND locked_by = 'w2'", endpoint)).as("left processing by the stopped worker").isZero();
            long finishedByW2 = cluster.count("SELECT count(*) FROM task WHERE id = ANY(?) AND status = 'success'",
                    (Object) held.toArray(Long[]::new));
            assertThat(exitMs).isLessThan(SHUTDOWN_GRACE.toMillis() + 15_000);

            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).until(() -> cluster
                    .count("SELECT count(*) FROM task WHERE endpoint_id = ? AND status = 'success'", endpoint) == 120);
            assertThat(
                    cluster.count("SELECT count(*) FROM task WHERE endpoint_id = ? AND status <> 'success'", endpoint))
                            .isZero();
            Map<String, Integer> delivered = merge(provider.accepted());
            assertThat(delivered.keySet()).isEqualTo(new HashSet<>(Load.keys(load.accepted)));
            assertThat(delivered.values()).as("each delivered once").allMatch(c -> c == 1);
            System.out.printf(
                    "[it] SIGTERM: worker held %d deliveries (provider answers after %d ms); it finished %d of "
                            + "them and exited after %d ms; 120/120 delivered once, none left processing%n",
                    held.size(), provider.delayMillis(), finishedByW2, exitMs);
        }
    }

    @Test
    @Order(4)
    void sigtermWithDeliveriesLongerThanTheGraceHandsThemBack() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(workerEnv("w4"));
        env.put("DISPATCHAPY_WORKER_SHUTDOWN_GRACE", "3s");
        ServiceProcess w4 = cluster.start("dispatchapy.worker.jar", "worker-4", env);
        try (SlowProvider provider = new SlowProvider(8_000)) {
            long r = cluster.resource(admin, "slower", provider.url());
            long endpoint = cluster.endpoint(admin, "slower", r);
            String token = cluster.client(admin, "slower-client", endpoint);
            Load load = new Load(gateway.baseUrl(), "slower", token);
            load.send(80, 4, Duration.ofSeconds(60));
            assertThat(load.accepted).hasSize(80);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> cluster.count(
                    "SELECT count(*) FROM task WHERE endpoint_id = ? AND status = 'processing' AND locked_by = 'w4'",
                    endpoint) > 0);
            Set<Long> held = new HashSet<>(cluster.ids(
                    "SELECT id FROM task WHERE endpoint_id = ? AND status = 'processing' AND locked_by = 'w4'",
                    endpoint));
            long t0 = System.nanoTime();
            w4.close(); // SIGTERM
            long exitMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(w4.isAlive()).isFalse();
            // handed back at once, not left to the lease
            assertThat(cluster.count("SELECT count(*) FROM task WHERE endpoint_id = ? AND locked_by = 'w4'", endpoint))
                    .as("tasks still held by the stopped worker").isZero();
            assertThat(w4.logText()).contains("unfinished task(s) back to the queue");
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).until(() -> cluster
                    .count("SELECT count(*) FROM task WHERE endpoint_id = ? AND status = 'success'", endpoint) == 80);
            Map<String, Integer> delivered = merge(provider.accepted());
            assertThat(delivered.keySet()).isEqualTo(new HashSet<>(Load.keys(load.accepted)));
            Set<String> twice = delivered.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            assertThat(twice).as("resent only what the stopped worker held").isSubsetOf(Load.keys(held));
            System.out.printf(
                    "[it] SIGTERM, grace 3 s < delivery 8 s: worker held %d, exited after %d ms with none "
                            + "left processing; 80/80 delivered, %d resent with the same key (held at the stop)%n",
                    held.size(), exitMs, twice.size());
        }
    }

    @Test
    @Order(5)
    void killMinus9OfAWorkerIsRecoveredWithinTheLease() throws Exception {
        ServiceProcess w3 = cluster.start("dispatchapy.worker.jar", "worker-3", workerEnv("w3", LEASE));
        try (SlowProvider provider = new SlowProvider(100)) {
            long r = cluster.resource(admin, "kill", provider.url());
            long endpoint = cluster.endpoint(admin, "kill", r);
            String token = cluster.client(admin, "kill-client", endpoint);
            Load load = new Load(gateway.baseUrl(), "kill", token);
            Thread sender = new Thread(() -> {
                try {
                    load.send(KILL_TASKS, 8, Duration.ofMinutes(2));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            sender.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> delivered(w3) >= 200
                            && cluster.count("SELECT count(*) FROM task WHERE endpoint_id = ? AND locked_by = 'w3' "
                                    + "AND status = 'processing'", endpoint) > 0);
            w3.kill();
            long killedAt = System.nanoTime();
            Set<Long> inFlightAtKill = new HashSet<>(cluster.ids(
                    "SELECT id FROM task WHERE endpoint_id = ? AND status = 'processing' AND locked_by = 'w3'",
                    endpoint));
            assertThat(inFlightAtKill).isNotEmpty();
            await().atMost(LEASE.plus(Duration.ofSeconds(20))).pollInterval(Duration.ofMillis(100))
                    .until(() -> cluster.count("SELECT count(*) FROM task WHERE endpoint_id = ? AND status = "
                            + "'processing' AND locked_by = 'w3'", endpoint) == 0);
            long recoveredMs = (System.nanoTime() - killedAt) / 1_000_000;
            sender.join(Duration.ofMinutes(3).toMillis());
            assertThat(load.other).isEmpty();
            assertThat(load.accepted).hasSize(KILL_TASKS);

            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> cluster.count("SELECT count(*) FROM task WHERE endpoint_id = ? AND status = 'success'",
                            endpoint) == KILL_TASKS);
            long inFlightDeliveredMs = (System.nanoTime() - killedAt) / 1_000_000;
            Map<String, Integer> delivered = merge(provider.accepted());
            assertThat(delivered.keySet()).isEqualTo(new HashSet<>(Load.keys(load.accepted)));
            Set<String> twice = delivered.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            // a resend carries the task id as Idempotency-Key, so a duplicate is one key counted twice, and only for
            // a task the killed worker held
            assertThat(twice).isSubsetOf(Load.keys(inFlightAtKill));
            assertThat(recoveredMs).isLessThan(LEASE.plus(RECOVERY_INTERVAL).plusSeconds(5).toMillis());
            System.out.printf(
                    "[it] kill -9: %d tasks; %d in flight on the killed worker, back in the queue %d ms after "
                            + "the kill (lease %d s); all %d delivered %d ms after the kill; %d delivered twice, all of them "
                            + "in flight at the kill%n",
                    KILL_TASKS, inFlightAtKill.size(), recoveredMs, LEASE.toSeconds(), KILL_TASKS, inFlightDeliveredMs,
                    twice.size());
        }
    }

    /** Deliveries a worker process counted (its Prometheus metric). */
    double delivered(ServiceProcess worker) {
        try {
            String metrics = cluster.http.send(HttpRequest.newBuilder(URI.create(worker.baseUrl() + "/q/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(l -> l.startsWith("dispatchapy_tasks_delivered_total"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (Exception e) {
            return 0;
        }
    }

    boolean ready(ServiceProcess p) {
        try {
            HttpResponse<Void> r = cluster.http.send(HttpRequest.newBuilder(URI.create(p.baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    @SafeVarargs
    static Map<String, Integer> merge(Map<String, AtomicInteger>... counts) {
        Map<String, Integer> out = new java.util.HashMap<>();
        for (Map<String, AtomicInteger> m : counts) {
            m.forEach((k, v) -> out.merge(k, v.get(), Integer::sum));
        }
        return out;
    }
}
