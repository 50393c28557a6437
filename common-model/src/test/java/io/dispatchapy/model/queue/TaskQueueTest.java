package io.dispatchapy.model.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.PGSimpleDataSource;

import io.dispatchapy.model.testing.DatabaseCleaner;
import io.dispatchapy.model.testing.PostgresResource;

/** The queue SQL against a real PostgreSQL (embedded unless QUARKUS_DATASOURCE_JDBC_URL is set). */
class TaskQueueTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static PGSimpleDataSource dataSource;

    private TaskQueue queue;
    private long clientId;
    private long otherClientId;
    private long endpointId;
    private long resourceId;

    @BeforeAll
    static void migrate() {
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(PostgresResource.jdbcUrl());
        dataSource.setUser(PostgresResource.username());
        dataSource.setPassword(PostgresResource.password());
        Flyway.configure().dataSource(dataSource).load().migrate();
    }

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(dataSource);
        queue = new TaskQueue(dataSource);
        endpointId = id("INSERT INTO endpoint (path) VALUES ('sms') RETURNING id");
        clientId = id(
                "INSERT INTO client (name, token_hash, token_prefix) VALUES ('shop', 'h1', 'dpy_aaaa') RETURNING id");
        otherClientId = id(
                "INSERT INTO client (name, token_hash, token_prefix) VALUES ('crm', 'h2', 'dpy_bbbb') RETURNING id");
        resourceId = id("INSERT INTO resource (name, url) VALUES ('prov-a', 'http://localhost:1/a') RETURNING id");
    }

    // ---- helpers ----

    private NewTask newTask(long client, String idempotencyKey, String requestHash, boolean held) {
        return new NewTask(client, client == clientId ? "shop" : "crm", endpointId, "sms", "ref-1", "scope-1",
                "{\"phone\":\"+32\",\"n\":1}", held, idempotencyKey, requestHash);
    }

    private long insertPending() {
        return queue.insert(newTask(clientId, null, null, false)).taskId();
    }

    private long claimOne(String worker) {
        List<ClaimedTask> claimed = queue.claim(worker, 1, LEASE);
        assertThat(claimed).hasSize(1);
        return claimed.get(0).id();
    }

    private AttemptRecord attempt(boolean success, Integer status, String detail) {
        return new AttemptRecord(resourceId, "prov-a", Instant.now().truncatedTo(ChronoUnit.MILLIS), 123, success,
                status, detail, "{\"to\":\"+32\"}");
    }

    private static long id(String sql, Object... params) {
        Map<String, Object> row = one(sql, params);
        return ((Number) row.values().iterator().next()).longValue();
    }

    private static Map<String, Object> task(long id) {
        return one("SELECT status, locked_by, lease_until, attempts, max_attempts, passes, last_error, finished_at, "
                + "accepted_as, request_hash, resource_id, resource_name, target_payload::text AS target_payload, "
                + "payload::text AS payload, client_name, endpoint_path, "
                + "extract(epoch FROM run_at - now()) AS run_in, extract(epoch FROM lease_until - now()) AS lease_in "
                + "FROM task WHERE id = ?", id);
    }

    private static Map<String, Object> one(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0);
    }

    private static List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i), rs.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String sql, Object... params) {
        return id(sql, params);
    }

    private static List<String> events(long taskId) {
        return rows("SELECT message FROM task_event WHERE task_id = ? ORDER BY id", taskId).stream()
                .map(r -> (String) r.get("message")).toList();
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    // ---- insert ----

    @Test
    void insertStoresPendingTasksAndReturnsTheirIds() {
        InsertResult first = queue.insert(newTask(clientId, null, "hash-1", false));
        InsertResult second = queue.insert(newTask(clientId, null, null, false));

        assertThat(first.taskId()).isPositive();
        assertThat(second.taskId()).isGreaterThan(first.taskId());
        assertThat(first.replayed()).isFalse();
        assertThat(first.acceptedAs()).isEqualTo("queued");
        assertThat(first.requestHash()).isEqualTo("hash-1");
        Map<String, Object> row = task(first.taskId());
        assertThat(row).containsEntry("status", "pending").containsEntry("accepted_as", "queued")
                .containsEntry("attempts", 0).containsEntry("passes", 0).containsEntry("max_attempts", 5)
                .containsEntry("client_name", "shop").containsEntry("endpoint_path", "sms")
                .containsEntry("request_hash", "hash-1");
        assertThat((String) row.get("payload")).contains("\"phone\": \"+32\"");
        assertThat(number(row.get("run_in"))).isLessThanOrEqualTo(0.0);
        assertThat(queue.pendingCount()).isEqualTo(2);
    }

    @Test
    void insertAllStoresABatchInOneStatementWithReplaysInOrder() {
        InsertResult earlier = queue.insert(newTask(clientId, "k-old", "hash-old", false));
        List<TaskQueue.Stored> stored = queue.insertAll(List.of(newTask(clientId, null, null, false),
                newTask(otherClientId, null, null, true), newTask(clientId, "k-new", "hash-new", false),
                newTask(clientId, "k-new", "hash-other", false), newTask(clientId, "k-old", "hash-x", false),
                newTask(otherClientId, "k-new", "hash-crm", false)));

        assertThat(stored).hasSize(6).allSatisfy(s -> assertThat(s.error()).isNull());
        List<InsertResult> r = stored.stream().map(TaskQueue.Stored::get).toList();
        assertThat(r).extracting(InsertResult::replayed).containsExactly(false, false, false, true, true, false);
        assertThat(r).extracting(InsertResult::acceptedAs).containsExactly("queued", "held", "queued", "queued",
                "queued", "queued");
        // a key used twice in one batch: the second is a replay of the first, with the first's request hash
        assertThat(r.get(3).taskId()).isEqualTo(r.get(2).taskId());
        assertThat(r.get(3).requestHash()).isEqualTo("hash-new");
        assertThat(r.get(4).taskId()).isEqualTo(earlier.taskId());
        assertThat(r.get(4).requestHash()).isEqualTo("hash-old");
        // keys are per client
        assertThat(r.get(5).taskId()).isNotEqualTo(r.get(2).taskId());
        assertThat(task(r.get(0).taskId())).containsEntry("status", "pending").containsEntry("client_name", "shop");
        assertThat(task(r.get(1).taskId())).containsEntry("status", "held").containsEntry("accepted_as", "held");
        assertThat(task(r.get(5).taskId())).containsEntry("request_hash", "hash-crm");
        assertThat(one("SELECT count(*) AS n FROM task")).containsEntry("n", 5L);
    }

    @Test
    void insertAllStoresTaskByTaskWhenTheDatabaseRefusesTheBatch() {
        NewTask good = newTask(clientId, null, null, false);
        NewTask unknownClient = newTask(999_999L, null, null, false); // violates the foreign key: refused

        List<TaskQueue.Stored> stored = queue.insertAll(List.of(good, unknownClient, good));

        assertThat(stored.get(0).error()).isNull();
        assertThat(stored.get(1).error()).isNotNull().hasMessageContaining("Could not store");
        assertThat(stored.get(2).error()).isNull();
        assertThat(stored.get(0).get().taskId()).isNotEqualTo(stored.get(2).get().taskId());
        // the refused batch stored nothing, so each good task is there exactly once
        assertThat(one("SELECT count(*) AS n FROM task")).containsEntry("n", 2L);
    }

    @Test
    void insertTakesMaxAttemptsFromTheSettings() {
        update("UPDATE setting SET value = '3' WHERE key = 'maxAttempts'");
        long id = insertPending();
        assertThat(task(id)).containsEntry("max_attempts", 3);

        update("UPDATE setting SET value = NULL WHERE key = 'maxAttempts'");
        assertThat(task(insertPending())).containsEntry("max_attempts", 5);
    }

    @Test
    void anUnreadableMaxAttemptsSettingDoesNotStopIngestion() {
        update("UPDATE setting SET value = 'many' WHERE key = 'maxAttempts'");

        long id = insertPending();

        assertThat(task(id)).containsEntry("status", "pending").containsEntry("max_attempts", 5);
    }

    @Test
    void heldTasksAreStoredHeldAndNeverClaimed() {
        InsertResult held = queue.insert(newTask(clientId, null, null, true));
        update("UPDATE task SET run_at = now() - interval '1 hour' WHERE id = ?", held.taskId());

        assertThat(held.acceptedAs()).isEqualTo("held");
        assertThat(held.replayed()).isFalse();
        assertThat(task(held.taskId())).containsEntry("status", "held").containsEntry("accepted_as", "held");
        assertThat(queue.claim("w1", 10, LEASE)).isEmpty();
        assertThat(queue.pendingCount()).isZero();
        assertThat(task(held.taskId())).containsEntry("status", "held").containsEntry("locked_by", null);
    }

    @Test
    void sameClientAndIdempotencyKeyReplaysTheFirstTask() {
        InsertResult first = queue.insert(newTask(clientId, "key-1", "hash-first", true));
        InsertResult again = queue.insert(newTask(clientId, "key-1", "hash-second", false));

        assertThat(again.replayed()).isTrue();
        assertThat(again.taskId()).isEqualTo(first.taskId());
        assertThat(again.requestHash()).isEqualTo("hash-first");
        assertThat(again.acceptedAs()).isEqualTo("held");
        assertThat(count("SELECT count(*) FROM task")).isEqualTo(1);
        assertThat(task(first.taskId())).containsEntry("status", "held").containsEntry("request_hash", "hash-first");
    }

    @Test
    void sameIdempotencyKeyOfAnotherClientIsANewTask() {
        InsertResult mine = queue.insert(newTask(clientId, "key-1", "h-a", false));
        InsertResult theirs = queue.insert(newTask(otherClientId, "key-1", "h-b", false));

        assertThat(theirs.replayed()).isFalse();
        assertThat(theirs.taskId()).isNotEqualTo(mine.taskId());
        assertThat(theirs.requestHash()).isEqualTo("h-b");
        assertThat(count("SELECT count(*) FROM task")).isEqualTo(2);
    }

    @Test
    void withoutIdempotencyKeyEveryInsertIsANewTask() {
        InsertResult a = queue.insert(newTask(clientId, null, "h", false));
        InsertResult b = queue.insert(newTask(clientId, null, "h", false));

        assertThat(b.replayed()).isFalse();
        assertThat(b.taskId()).isNotEqualTo(a.taskId());
    }

    @Test
    void concurrentInsertsWithOneIdempotencyKeyStoreOneTask() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<InsertResult>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String hash = "hash-" + i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return queue.insert(newTask(clientId, "same-key", hash, false));
                }));
            }
            start.countDown();
            List<InsertResult> results = new ArrayList<>();
            for (Future<InsertResult> f : futures) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }

            assertThat(results).extracting(InsertResult::taskId).containsOnly(results.get(0).taskId());
            assertThat(results).filteredOn(r -> !r.replayed()).hasSize(1);
            String storedHash = (String) task(results.get(0).taskId()).get("request_hash");
            assertThat(results).extracting(InsertResult::requestHash).containsOnly(storedHash);
            assertThat(count("SELECT count(*) FROM task")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pendingInsertNotifiesWorkersAndHeldInsertDoesNot() throws Exception {
        try (Connection listener = dataSource.getConnection(); Statement st = listener.createStatement()) {
            st.execute("LISTEN " + TaskQueue.CHANNEL);
            PGConnection pg = listener.unwrap(PGConnection.class);
            List<PGNotification> received = new ArrayList<>();

            queue.insert(newTask(clientId, null, null, true));
            received.addAll(List.of(orEmpty(pg.getNotifications(300))));
            assertThat(received).isEmpty();

            queue.insert(newTask(clientId, null, null, false));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                received.addAll(List.of(orEmpty(pg.getNotifications(100))));
                return !received.isEmpty();
            });
            assertThat(received).hasSize(1);
            assertThat(received.get(0).getName()).isEqualTo(TaskQueue.CHANNEL);
        }
    }

    private static PGNotification[] orEmpty(PGNotification[] n) {
        return n == null ? new PGNotification[0] : n;
    }

    // ---- claim ----

    @Test
    void claimTakesDueTasksOldestFirstAndLeasesThem() {
        long a = insertPending();
        long b = insertPending();
        long c = insertPending();
        long d = insertPending();
        update("UPDATE task SET run_at = now() - interval '1 minute' WHERE id = ?", a);
        update("UPDATE task SET run_at = now() - interval '3 minutes' WHERE id = ?", b);
        update("UPDATE task SET run_at = now() - interval '2 minutes' WHERE id = ?", c);
        update("UPDATE task SET run_at = now() - interval '3 minutes' WHERE id = ?", d);

        List<ClaimedTask> claimed = queue.claim("w1", 3, LEASE);

        assertThat(claimed).extracting(ClaimedTask::id).containsExactly(b, d, c);
        ClaimedTask first = claimed.get(0);
        assertThat(first.clientId()).isEqualTo(clientId);
        assertThat(first.endpointId()).isEqualTo(endpointId);
        assertThat(first.endpointPath()).isEqualTo("sms");
        assertThat(first.payloadJson()).contains("\"phone\": \"+32\"");
        assertThat(first.attempts()).isZero();
        assertThat(first.maxAttempts()).isEqualTo(5);
        assertThat(first.passes()).isZero();
        assertThat(first.createdAt()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
        for (long id : List.of(b, c, d)) {
            Map<String, Object> row = task(id);
            assertThat(row).containsEntry("status", "processing").containsEntry("locked_by", "w1");
            assertThat(number(row.get("lease_in"))).isBetween(25.0, 30.5);
        }
        assertThat(task(a)).containsEntry("status", "pending").containsEntry("locked_by", null)
                .containsEntry("lease_until", null);
        assertThat(queue.claim("w1", 10, LEASE)).extracting(ClaimedTask::id).containsExactly(a);
        assertThat(queue.claim("w1", 10, LEASE)).isEmpty();
    }

    @Test
    void tasksDueInTheFutureAreNotClaimed() {
        long future = insertPending();
        long due = insertPending();
        update("UPDATE task SET run_at = now() + interval '1 minute' WHERE id = ?", future);

        assertThat(queue.claim("w1", 10, LEASE)).extracting(ClaimedTask::id).containsExactly(due);
        assertThat(task(future)).containsEntry("status", "pending");
        assertThat(queue.pendingCount()).isEqualTo(1);
    }

    @Test
    void twoClaimsNeverReturnTheSameTask() {
        long a = insertPending();
        long b = insertPending();
        long c = insertPending();

        List<ClaimedTask> first = queue.claim("w1", 1, LEASE);
        List<ClaimedTask> second = queue.claim("w2", 10, LEASE);

        assertThat(first).extracting(ClaimedTask::id).containsExactly(a);
        assertThat(second).extracting(ClaimedTask::id).containsExactly(b, c);
        assertThat(task(a)).containsEntry("locked_by", "w1");
        assertThat(task(b)).containsEntry("locked_by", "w2");
        assertThat(queue.claim("w3", 10, LEASE)).isEmpty();
    }

    @Test
    void concurrentClaimsTakeEveryTaskExactlyOnce() throws Exception {
        int total = 500;
        update("INSERT INTO task (status, client_id, client_name, endpoint_id, endpoint_path, payload, max_attempts) "
                + "SELECT 'pending', ?, 'shop', ?, 'sms', jsonb_build_object('n', g), 5 FROM generate_series(1, ?) g",
                clientId, endpointId, total);
        Set<Long> inserted = new HashSet<>(
                rows("SELECT id FROM task").stream().map(r -> ((Number) r.get("id")).longValue()).toList());
        assertThat(inserted).hasSize(total);

        int workers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        Map<Long, String> owner = new ConcurrentHashMap<>();
        List<Long> all = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                String worker = "w" + w;
                Callable<Integer> job = () -> {
                    start.await();
                    int mine = 0;
                    while (true) {
                        List<ClaimedTask> batch = queue.claim(worker, 7, LEASE);
                        if (batch.isEmpty()) {
                            return mine;
                        }
                        assertThat(batch.size()).isLessThanOrEqualTo(7);
                        for (ClaimedTask t : batch) {
                            all.add(t.id());
                            owner.put(t.id(), worker);
                        }
                        mine += batch.size();
                    }
                };
                futures.add(pool.submit(job));
            }
            start.countDown();
            int sum = 0;
            for (Future<Integer> f : futures) {
                sum += f.get(60, TimeUnit.SECONDS);
            }

            assertThat(sum).isEqualTo(total);
            assertThat(all).hasSize(total).doesNotHaveDuplicates();
            assertThat(new HashSet<>(all)).isEqualTo(inserted);
            assertThat(count("SELECT count(*) FROM task WHERE status = 'processing'")).isEqualTo(total);
            for (Map<String, Object> row : rows("SELECT id, locked_by FROM task")) {
                assertThat(row.get("locked_by")).isEqualTo(owner.get(((Number) row.get("id")).longValue()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void extendLeasesOnlyForTheHoldingWorker() {
        long id = insertPending();
        queue.claim("w1", 1, Duration.ofSeconds(5));

        assertThat(queue.extendLeases("w2", List.of(id), Duration.ofMinutes(10))).isZero();
        assertThat(number(task(id).get("lease_in"))).isLessThan(6.0);
        assertThat(queue.extendLeases("w1", List.of(id, 999_999L), Duration.ofMinutes(10))).isEqualTo(1);
        assertThat(number(task(id).get("lease_in"))).isBetween(590.0, 600.5);
        assertThat(queue.extendLeases("w1", List.of(), Duration.ofMinutes(10))).isZero();
    }

    // ---- fencing ----

    @Test
    void anotherWorkerCannotWriteAClaimedTask() {
        long id = insertPending();
        claimOne("w1");
        Map<String, Object> before = task(id);

        assertThat(queue.recordAttempt("w2", id, attempt(true, 200, "ok"))).isFalse();
        assertThat(queue.complete("w2", id)).isFalse();
        assertThat(queue.fail("w2", id, "boom")).isFalse();
        assertThat(queue.reschedule("w2", id, Duration.ofSeconds(5), "later", "Rescheduled.")).isFalse();
        assertThat(queue.release("w2", List.of(id))).isZero();

        Map<String, Object> after = task(id);
        for (String column : List.of("status", "locked_by", "lease_until", "attempts", "passes", "last_error",
                "finished_at", "resource_id", "target_payload")) {
            assertThat(after.get(column)).as(column).isEqualTo(before.get(column));
        }
        assertThat(count("SELECT count(*) FROM task_attempt")).isZero();
        assertThat(events(id)).isEmpty();
    }

    @Test
    void workerWritesOnATaskItDoesNotHoldAreRefused() {
        long pending = insertPending();

        assertThat(queue.complete("w1", pending)).isFalse();
        assertThat(queue.recordAttempt("w1", pending, attempt(true, 200, null))).isFalse();
        assertThat(queue.complete("w1", 424242L)).isFalse();
        assertThat(task(pending)).containsEntry("status", "pending").containsEntry("attempts", 0);
    }

    @Test
    void oldWorkerIsFencedOffAfterItsLeaseWasRecovered() {
        long id = insertPending();
        queue.claim("w1", 1, Duration.ofMillis(200));

        List<Long> recovered = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(queue::recoverExpired, ids -> !ids.isEmpty());

        assertThat(recovered).containsExactly(id);
        assertThat(queue.complete("w1", id)).isFalse();
        assertThat(queue.recordAttempt("w1", id, attempt(true, 200, null))).isFalse();
        assertThat(task(id)).containsEntry("status", "pending").containsEntry("locked_by", null)
                .containsEntry("attempts", 0);

        assertThat(claimOne("w2")).isEqualTo(id);
        assertThat(queue.complete("w1", id)).isFalse();
        assertThat(queue.complete("w2", id)).isTrue();
        assertThat(task(id)).containsEntry("status", "success");
    }

    // ---- worker writes ----

    @Test
    void recordAttemptCountsAndLogsTheAttempt() {
        long id = insertPending();
        claimOne("w1");
        AttemptRecord failed = attempt(false, 503, "Service Unavailable");

        assertThat(queue.recordAttempt("w1", id, failed)).isTrue();
        assertThat(queue.recordAttempt("w1", id, attempt(true, null, "ignored on success"))).isTrue();

        Map<String, Object> row = task(id);
        assertThat(row).containsEntry("attempts", 2).containsEntry("resource_id", resourceId)
                .containsEntry("resource_name", "prov-a").containsEntry("status", "processing");
        assertThat((String) row.get("target_payload")).isEqualTo("{\"to\": \"+32\"}");
        List<Map<String, Object>> attempts = rows("SELECT attempt_no, outcome, status_code, detail, duration_ms, "
                + "resource_id, resource_name, started_at FROM task_attempt WHERE task_id = ? ORDER BY id", id);
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0)).containsEntry("attempt_no", 1).containsEntry("outcome", "failed")
                .containsEntry("status_code", 503).containsEntry("detail", "Service Unavailable")
                .containsEntry("duration_ms", 123).containsEntry("resource_id", resourceId)
                .containsEntry("resource_name", "prov-a");
        assertThat(((java.sql.Timestamp) attempts.get(0).get("started_at")).toInstant()).isEqualTo(failed.startedAt());
        assertThat(attempts.get(1)).containsEntry("attempt_no", 2).containsEntry("outcome", "success")
                .containsEntry("status_code", null);
        assertThat(events(id)).containsExactly("Attempt 1/5 via 'prov-a': failed (HTTP 503) - Service Unavailable",
                "Attempt 2/5 via 'prov-a': success");
    }

    @Test
    void longAttemptDetailsAreTruncated() {
        long id = insertPending();
        claimOne("w1");

        assertThat(queue.recordAttempt("w1", id, attempt(false, null, "x".repeat(5000)))).isTrue();

        String detail = (String) one("SELECT detail FROM task_attempt WHERE task_id = ?", id).get("detail");
        assertThat(detail).hasSize(2001).endsWith("…");
        assertThat(events(id).get(0)).startsWith("Attempt 1/5 via 'prov-a': failed - xxx").hasSizeLessThan(400);
    }

    @Test
    void completeMarksTheTaskDelivered() {
        long id = insertPending();
        claimOne("w1");

        assertThat(queue.complete("w1", id)).isTrue();

        Map<String, Object> row = task(id);
        assertThat(row).containsEntry("status", "success").containsEntry("locked_by", null)
                .containsEntry("lease_until", null).containsEntry("last_error", null);
        assertThat(row.get("finished_at")).isNotNull();
        assertThat(events(id)).containsExactly("Delivered.");
        assertThat(queue.complete("w1", id)).isFalse();
        assertThat(queue.fail("w1", id, "late")).isFalse();
        assertThat(task(id)).containsEntry("status", "success");
    }

    // ---- batch completion ----

    @Test
    void completeDeliveredWritesAttemptLogAndStatusOfManyTasksAtOnce() {
        long first = insertPending();
        long second = insertPending();
        assertThat(queue.claim("w1", 2, LEASE)).hasSize(2);
        queue.recordAttempt("w1", second, attempt(false, 503, "busy"));
        AttemptRecord ok = attempt(true, 200, "{\"id\":\"p-1\"}");

        Set<Long> done = queue.completeDelivered("w1",
                List.of(new Delivery(first, ok), new Delivery(second, attempt(true, null, null))));

        assertThat(done).containsExactlyInAnyOrder(first, second);
        for (long id : List.of(first, second)) {
            Map<String, Object> row = task(id);
            assertThat(row).containsEntry("status", "success").containsEntry("locked_by", null)
                    .containsEntry("lease_until", null).containsEntry("last_error", null)
                    .containsEntry("resource_id", resourceId).containsEntry("resource_name", "prov-a");
            assertThat(row.get("finished_at")).isNotNull();
            assertThat((String) row.get("target_payload")).isEqualTo("{\"to\": \"+32\"}");
        }
        assertThat(task(first)).containsEntry("attempts", 1);
        assertThat(task(second)).containsEntry("attempts", 2);
        Map<String, Object> attempt = one("SELECT attempt_no, outcome, status_code, detail, duration_ms, started_at "
                + "FROM task_attempt WHERE task_id = ?", first);
        assertThat(attempt).containsEntry("attempt_no", 1).containsEntry("outcome", "success")
                .containsEntry("status_code", 200).containsEntry("detail", "{\"id\":\"p-1\"}")
                .containsEntry("duration_ms", 123);
        assertThat(((java.sql.Timestamp) attempt.get("started_at")).toInstant()).isEqualTo(ok.startedAt());
        assertThat(events(first)).containsExactly("Attempt 1/5 via 'prov-a': success (HTTP 200). Delivered.");
        assertThat(events(second)).containsExactly("Attempt 1/5 via 'prov-a': failed (HTTP 503) - busy",
                "Attempt 2/5 via 'prov-a': success. Delivered.");
    }

    @Test
    void completeDeliveredIsFencedByTheLeaseOwner() {
        long stale = insertPending();
        queue.claim("w1", 1, Duration.ofMillis(200)); // w1's lease expires and the task goes to w2
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(queue::recoverExpired,
                ids -> ids.contains(stale));
        assertThat(queue.claim("w2", 1, LEASE)).extracting(ClaimedTask::id).containsExactly(stale);
        long mine = insertPending();
        long foreign = insertPending();
        long pending = insertPending();
        assertThat(queue.claim("w1", 1, LEASE)).extracting(ClaimedTask::id).containsExactly(mine);
        assertThat(queue.claim("w2", 1, LEASE)).extracting(ClaimedTask::id).containsExactly(foreign);
        AttemptRecord ok = attempt(true, 200, null);

        Set<Long> done = queue.completeDelivered("w1", List.of(new Delivery(stale, ok), new Delivery(mine, ok),
                new Delivery(foreign, ok), new Delivery(pending, ok), new Delivery(424242L, ok)));

        assertThat(done).containsExactly(mine);
        assertThat(task(mine)).containsEntry("status", "success");
        for (long id : List.of(stale, foreign)) {
            assertThat(task(id)).containsEntry("status", "processing").containsEntry("locked_by", "w2")
                    .containsEntry("attempts", 0);
        }
        assertThat(task(pending)).containsEntry("status", "pending").containsEntry("attempts", 0);
        assertThat(count("SELECT count(*) FROM task_attempt")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM task_event WHERE message LIKE '%Delivered.'")).isEqualTo(1);
        // the rightful holder still completes it
        assertThat(queue.completeDelivered("w2", List.of(new Delivery(stale, ok)))).containsExactly(stale);
        assertThat(queue.completeDelivered("w2", List.of(new Delivery(stale, ok)))).isEmpty();
    }

    @Test
    void completeDeliveredSurvivesADeadlockWithAnotherMultiRowStatement() throws Exception {
        long first = insertPending();
        long second = insertPending();
        assertThat(queue.claim("w1", 2, LEASE)).hasSize(2);
        AttemptRecord ok = attempt(true, 200, null);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection other = dataSource.getConnection(); Statement st = other.createStatement()) {
            other.setAutoCommit(false);
            st.executeUpdate("UPDATE task SET updated_at = now() WHERE id = " + second);
            Future<Set<Long>> completed = pool.submit(
                    () -> queue.completeDelivered("w1", List.of(new Delivery(first, ok), new Delivery(second, ok))));
            await().atMost(Duration.ofSeconds(20)).until(() -> count(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%unnest%'") > 0);
            try {
                st.executeUpdate("UPDATE task SET updated_at = now() WHERE id = " + first); // closes the cycle
                other.commit();
            } catch (SQLException e) {
                other.rollback(); // this side was chosen as the victim: the batch then goes through as it is
            }
            assertThat(completed.get(60, TimeUnit.SECONDS)).containsExactlyInAnyOrder(first, second);
        } finally {
            pool.shutdownNow();
        }
        assertThat(task(first)).containsEntry("status", "success");
        assertThat(task(second)).containsEntry("status", "success");
    }

    @Test
    void extendLeasesAndCompleteDeliveredOnTheSameTasksDoNotDeadlock() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(insertPending());
        }
        assertThat(queue.claim("w1", 40, LEASE)).hasSize(40);
        List<Long> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        AttemptRecord ok = attempt(true, 200, null);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> heartbeats = pool.submit(() -> {
                int n = 0;
                for (int i = 0; i < 50; i++) {
                    n += queue.extendLeases("w1", reversed, LEASE);
                }
                return n;
            });
            Future<Set<Long>> completed = pool
                    .submit(() -> queue.completeDelivered("w1", ids.stream().map(id -> new Delivery(id, ok)).toList()));
            assertThat(completed.get(60, TimeUnit.SECONDS)).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(heartbeats.get(60, TimeUnit.SECONDS)).isNotNegative();
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT count(*) FROM task WHERE status = 'success'")).isEqualTo(40);
    }

    @Test
    void failMarksTheTaskFailedWithItsError() {
        long id = insertPending();
        claimOne("w1");

        assertThat(queue.fail("w1", id, "All 5 attempts failed.")).isTrue();

        Map<String, Object> row = task(id);
        assertThat(row).containsEntry("status", "failed").containsEntry("last_error", "All 5 attempts failed.")
                .containsEntry("locked_by", null).containsEntry("lease_until", null);
        assertThat(row.get("finished_at")).isNotNull();
        assertThat(events(id)).containsExactly("All 5 attempts failed.");
        assertThat(queue.claim("w1", 10, LEASE)).isEmpty();
    }

    @Test
    void rescheduleReturnsTheTaskForLater() {
        long id = insertPending();
        claimOne("w1");

        assertThat(queue.reschedule("w1", id, Duration.ofSeconds(10), "HTTP 503", "Retrying in 10 s.")).isTrue();

        Map<String, Object> row = task(id);
        assertThat(row).containsEntry("status", "pending").containsEntry("passes", 1)
                .containsEntry("last_error", "HTTP 503").containsEntry("locked_by", null)
                .containsEntry("lease_until", null).containsEntry("finished_at", null);
        assertThat(number(row.get("run_in"))).isBetween(8.0, 10.5);
        assertThat(events(id)).containsExactly("Retrying in 10 s.");
        assertThat(queue.claim("w1", 10, LEASE)).isEmpty();

        // due again: claimed with the pass counter; a reschedule without an error keeps the last one
        update("UPDATE task SET run_at = now() - interval '1 second' WHERE id = ?", id);
        List<ClaimedTask> again = queue.claim("w2", 10, LEASE);
        assertThat(again).extracting(ClaimedTask::passes).containsExactly(1);
        assertThat(queue.reschedule("w2", id, Duration.ofMillis(1500), null, "No healthy resource.")).isTrue();
        Map<String, Object> later = task(id);
        assertThat(later).containsEntry("passes", 2).containsEntry("last_error", "HTTP 503");
        assertThat(number(later.get("run_in"))).isBetween(0.5, 1.6);
    }

    @Test
    void releaseGivesTasksBackToTheQueue() {
        long a = insertPending();
        long b = insertPending();
        long c = insertPending();
        queue.claim("w1", 2, LEASE);
        queue.claim("w2", 1, LEASE);

        assertThat(queue.release("w1", List.of(a, b, c))).isEqualTo(2);
        assertThat(queue.release("w1", List.of())).isZero();

        assertThat(task(a)).containsEntry("status", "pending").containsEntry("locked_by", null)
                .containsEntry("lease_until", null);
        assertThat(task(b)).containsEntry("status", "pending");
        assertThat(task(c)).containsEntry("status", "processing").containsEntry("locked_by", "w2");
        assertThat(events(a)).containsExactly("Worker shutting down; task returned to the queue.");
        assertThat(events(c)).isEmpty();
        assertThat(queue.claim("w3", 10, LEASE)).extracting(ClaimedTask::id).containsExactlyInAnyOrder(a, b);
    }

    // ---- lease recovery ----

    @Test
    void recoverExpiredReturnsOnlyExpiredProcessingTasks() {
        long expiring = insertPending();
        long healthy = insertPending();
        long pending = insertPending();
        long done = insertPending();
        update("UPDATE task SET run_at = now() + interval '1 hour' WHERE id = ?", pending);
        assertThat(queue.claim("w-dead", 1, Duration.ofMillis(200))).extracting(ClaimedTask::id)
                .containsExactly(expiring);
        assertThat(queue.claim("w-alive", 1, Duration.ofMinutes(5))).extracting(ClaimedTask::id)
                .containsExactly(healthy);
        assertThat(queue.claim("w-done", 1, Duration.ofMillis(1))).extracting(ClaimedTask::id).containsExactly(done);
        assertThat(queue.complete("w-done", done)).isTrue();

        List<Long> recovered = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(queue::recoverExpired, ids -> !ids.isEmpty());

        assertThat(recovered).containsExactly(expiring);
        assertThat(task(expiring)).containsEntry("status", "pending").containsEntry("locked_by", null)
                .containsEntry("lease_until", null);
        assertThat(number(task(expiring).get("run_in"))).isLessThanOrEqualTo(0.0);
        assertThat(task(healthy)).containsEntry("status", "processing").containsEntry("locked_by", "w-alive");
        assertThat(task(done)).containsEntry("status", "success");
        assertThat(events(expiring))
                .containsExactly("Lease expired (its worker stopped answering); task returned to the queue.");
        assertThat(events(healthy)).isEmpty();
        assertThat(queue.recoverExpired()).isEmpty();
    }

    // ---- user actions ----

    private long failedTaskWithHistory() {
        long id = insertPending();
        assertThat(claimOne("w1")).isEqualTo(id);
        assertThat(queue.recordAttempt("w1", id, attempt(false, 500, "boom"))).isTrue();
        assertThat(queue.reschedule("w1", id, Duration.ZERO, "boom", "again")).isTrue();
        assertThat(claimOne("w1")).isEqualTo(id);
        assertThat(queue.recordAttempt("w1", id, attempt(false, 500, "boom"))).isTrue();
        assertThat(queue.fail("w1", id, "gave up")).isTrue();
        return id;
    }

    @Test
    void retryOfAFailedTaskRequeuesItWithAFreshBudget() {
        long id = failedTaskWithHistory();
        update("UPDATE setting SET value = '7' WHERE key = 'maxAttempts'");

        assertThat(queue.retry(id, Optional.empty())).isEqualTo(Transition.DONE);

        Map<String, Object> row = task(id);
        assertThat(row).containsEntry("status", "pending").containsEntry("attempts", 0).containsEntry("passes", 0)
                .containsEntry("last_error", null).containsEntry("finished_at", null).containsEntry("resource_id", null)
                .containsEntry("resource_name", null).containsEntry("max_attempts", 7);
        assertThat(events(id)).last().isEqualTo("Manual retry requested; attempts reset.");
        // the history stays
        assertThat(count("SELECT count(*) FROM task_attempt WHERE task_id = ?", id)).isEqualTo(2);
        assertThat(queue.claim("w2", 10, LEASE)).extracting(ClaimedTask::id).containsExactly(id);
    }

    @Test
    void retryReleasesAHeldTask() {
        long id = queue.insert(newTask(clientId, null, null, true)).taskId();

        assertThat(queue.retry(id, Optional.of(clientId))).isEqualTo(Transition.DONE);

        assertThat(task(id)).containsEntry("status", "pending");
        assertThat(events(id)).containsExactly("Released from hold; queued for delivery.");
        assertThat(queue.claim("w1", 10, LEASE)).extracting(ClaimedTask::id).containsExactly(id);
    }

    @Test
    void retryOfStoppedAndPendingTasks() {
        long stopped = insertPending();
        assertThat(queue.stop(stopped, Optional.empty())).isEqualTo(Transition.DONE);
        long waiting = insertPending();
        update("UPDATE task SET run_at = now() + interval '1 hour', attempts = 2, passes = 3 WHERE id = ?", waiting);

        assertThat(queue.retry(stopped, Optional.empty())).isEqualTo(Transition.DONE);
        assertThat(queue.retry(waiting, Optional.empty())).isEqualTo(Transition.DONE);

        assertThat(task(stopped)).containsEntry("status", "pending").containsEntry("last_error", null)
                .containsEntry("finished_at", null);
        assertThat(task(waiting)).containsEntry("status", "pending").containsEntry("attempts", 0)
                .containsEntry("passes", 0);
        assertThat(number(task(waiting).get("run_in"))).isLessThanOrEqualTo(0.0);
        assertThat(queue.claim("w1", 10, LEASE)).extracting(ClaimedTask::id).containsExactlyInAnyOrder(stopped,
                waiting);
    }

    @Test
    void retryOfAProcessingOrDeliveredTaskIsAConflict() {
        long processing = insertPending();
        claimOne("w1");
        long delivered = insertPending();
        claimOne("w1");
        assertThat(queue.complete("w1", delivered)).isTrue();

        assertThat(queue.retry(processing, Optional.empty())).isEqualTo(Transition.CONFLICT);
        assertThat(queue.retry(delivered, Optional.of(clientId))).isEqualTo(Transition.CONFLICT);

        assertThat(task(processing)).containsEntry("status", "processing").containsEntry("locked_by", "w1");
        assertThat(task(delivered)).containsEntry("status", "success");
        assertThat(events(processing)).isEmpty();
        assertThat(events(delivered)).containsExactly("Delivered.");
        assertThat(queue.complete("w1", processing)).isTrue();
    }

    @Test
    void actionsOnUnknownOrForeignTasksAreNotFound() {
        long id = queue.insert(newTask(clientId, null, null, true)).taskId();

        assertThat(queue.retry(999_999L, Optional.empty())).isEqualTo(Transition.NOT_FOUND);
        assertThat(queue.stop(999_999L, Optional.empty())).isEqualTo(Transition.NOT_FOUND);
        assertThat(queue.delete(999_999L, Optional.empty())).isEqualTo(Transition.NOT_FOUND);
        assertThat(queue.retry(id, Optional.of(otherClientId))).isEqualTo(Transition.NOT_FOUND);
        assertThat(queue.stop(id, Optional.of(otherClientId))).isEqualTo(Transition.NOT_FOUND);
        assertThat(queue.delete(id, Optional.of(otherClientId))).isEqualTo(Transition.NOT_FOUND);

        assertThat(task(id)).containsEntry("status", "held");
        assertThat(events(id)).isEmpty();
    }

    @Test
    void stopOnlyPendingOrHeldTasks() {
        long failed = failedTaskWithHistory();
        long processing = insertPending();
        assertThat(claimOne("w1")).isEqualTo(processing);
        long pending = insertPending();
        long held = queue.insert(newTask(clientId, null, null, true)).taskId();

        assertThat(queue.stop(pending, Optional.of(clientId))).isEqualTo(Transition.DONE);
        assertThat(queue.stop(held, Optional.empty())).isEqualTo(Transition.DONE);
        assertThat(queue.stop(pending, Optional.empty())).isEqualTo(Transition.CONFLICT);
        assertThat(queue.stop(failed, Optional.empty())).isEqualTo(Transition.CONFLICT);
        assertThat(queue.stop(processing, Optional.empty())).isEqualTo(Transition.CONFLICT);

        Map<String, Object> row = task(pending);
        assertThat(row).containsEntry("status", "stopped").containsEntry("last_error", "Stopped by user.");
        assertThat(row.get("finished_at")).isNotNull();
        assertThat(task(held)).containsEntry("status", "stopped");
        assertThat(events(pending)).containsExactly("Stopped by user.");
        assertThat(task(failed)).containsEntry("status", "failed");
        assertThat(task(processing)).containsEntry("status", "processing");
        assertThat(queue.claim("w2", 10, LEASE)).isEmpty();
    }

    @Test
    void deleteRemovesTheTaskWithItsAttemptsAndEvents() {
        long failed = failedTaskWithHistory();
        long keep = failedTaskWithHistory();
        assertThat(count("SELECT count(*) FROM task_attempt WHERE task_id = ?", failed)).isEqualTo(2);
        assertThat(events(failed)).isNotEmpty();

        assertThat(queue.delete(failed, Optional.of(clientId))).isEqualTo(Transition.DONE);

        assertThat(count("SELECT count(*) FROM task WHERE id = ?", failed)).isZero();
        assertThat(count("SELECT count(*) FROM task_attempt WHERE task_id = ?", failed)).isZero();
        assertThat(count("SELECT count(*) FROM task_event WHERE task_id = ?", failed)).isZero();
        assertThat(count("SELECT count(*) FROM task_attempt WHERE task_id = ?", keep)).isEqualTo(2);
        assertThat(queue.delete(failed, Optional.empty())).isEqualTo(Transition.NOT_FOUND);
    }

    @Test
    void deleteRefusesAProcessingTaskButTakesHeldAndPendingOnes() {
        long processing = insertPending();
        claimOne("w1");
        long held = queue.insert(newTask(clientId, null, null, true)).taskId();
        long pending = insertPending();

        assertThat(queue.delete(processing, Optional.empty())).isEqualTo(Transition.CONFLICT);
        assertThat(queue.delete(held, Optional.empty())).isEqualTo(Transition.DONE);
        assertThat(queue.delete(pending, Optional.empty())).isEqualTo(Transition.DONE);

        assertThat(task(processing)).containsEntry("status", "processing");
        assertThat(rows("SELECT id FROM task")).hasSize(1);
    }

    @Test
    void addEventAppendsToTheTaskLog() {
        long id = insertPending();

        queue.addEvent(id, "first");
        queue.addEvent(id, "y".repeat(3000));

        assertThat(events(id)).hasSize(2).first().isEqualTo("first");
        assertThat(events(id).get(1)).hasSize(2001);
    }

    /**
     * Only the partial queue indexes may answer "status = 'pending'" (the claim) and "status = 'processing'" (the lease
     * sweep). Statistics taken while the queue was empty make those states look rare, and the planner then served the
     * claim from any other index leading with status: it read and sorted every pending row for each claim (a 100k
     * backlog drained at ~400 tasks/s). With the partial indexes dropped (in a rolled-back transaction) and sequential
     * scans discouraged, no other index may have a condition on status (migration V9).
     */
    @Test
    void noOtherIndexAnswersTheQueueStates() throws SQLException {
        update("INSERT INTO task (status, client_id, client_name, endpoint_id, endpoint_path, payload, max_attempts,"
                + " attempts, finished_at) SELECT 'success', ?, 'shop', ?, 'sms', '{}', 3, 1, now()"
                + " FROM generate_series(1, 2000)", clientId, endpointId);
        update("INSERT INTO task (status, client_id, client_name, endpoint_id, endpoint_path, payload, max_attempts)"
                + " SELECT 'pending', ?, 'shop', ?, 'sms', '{}', 3 FROM generate_series(1, 2000)", clientId,
                endpointId);
        update("ANALYZE task");
        assertThat(explain(TaskQueue.CLAIM, "w", 30, 32)).contains("Index Scan using task_pending_idx");
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("DROP INDEX task_pending_idx");
            st.execute("DROP INDEX task_processing_idx");
            st.execute("SET LOCAL enable_seqscan = off");
            String claim = explain(c, TaskQueue.CLAIM, "w", 30, 32);
            String sweep = explain(c, "SELECT id FROM task WHERE status = 'processing' AND lease_until < now() "
                    + "LIMIT 1000 FOR UPDATE SKIP LOCKED");
            c.rollback();
            assertThat(claim).contains("LockRows").doesNotContain("Index Cond: ((status)");
            assertThat(sweep).contains("LockRows").doesNotContain("Index Cond: ((status)");
        }
        assertThat(queue.claim("w", 32, LEASE)).hasSize(32);
    }

    @Test
    void plansPreparedWhileTheTableWasNearlyEmptyReadIndexesOnceItHasGrown() throws Exception {
        try (Connection one = dataSource.getConnection()) {
            // one connection, as a pooled one is: its statements get prepared once and their plans kept
            TaskQueue onOne = new TaskQueue(sameConnection(one));
            update("ANALYZE task");
            for (int i = 0; i < 12; i++) { // past the point where PostgreSQL keeps one plan per statement
                onOne.insert(newTask(clientId, null, null, false));
                long id = onOne.claim("w", 1, LEASE).get(0).id();
                onOne.completeDelivered("w", List.of(new Delivery(id, attempt(true, 200, "ok"))));
            }
            update("INSERT INTO task (status, client_id, client_name, endpoint_id, endpoint_path, payload,"
                    + " max_attempts, attempts, finished_at) SELECT 'success', ?, 'shop', ?, 'sms', '{}', 3, 1, now()"
                    + " FROM generate_series(1, 30000)", clientId, endpointId);
            long[] before = scansOfTask(one);
            for (int i = 0; i < 5; i++) {
                long id = onOne.insert(newTask(clientId, null, null, false)).taskId();
                assertThat(onOne.claim("w", 1, LEASE)).extracting(ClaimedTask::id).containsExactly(id);
                assertThat(onOne.completeDelivered("w", List.of(new Delivery(id, attempt(true, 200, "ok")))))
                        .containsExactly(id);
                assertThat(onOne.recordAttempt("w", id, attempt(false, 500, "late"))).isFalse();
            }
            long[] after = scansOfTask(one);
            assertThat(after[0] - before[0]).as("sequential scans of task").isZero();
            assertThat(after[1] - before[1]).as("index scans of task").isGreaterThanOrEqualTo(15);
        }
    }

    /** Sequential and index scans of {@code task} so far, with this connection's counts flushed first. */
    private static long[] scansOfTask(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_force_next_flush()");
            st.execute("SELECT 1"); // the flush happens when the session goes idle after a statement
        }
        try (Connection other = dataSource.getConnection(); Statement st = other.createStatement(); ResultSet rs = st
                .executeQuery("SELECT seq_scan, idx_scan FROM pg_stat_user_tables" + " WHERE relname = 'task'")) {
            rs.next();
            return new long[] { rs.getLong(1), rs.getLong(2) };
        }
    }

    /** A data source that hands out the same connection every time (closing it does nothing). */
    private static javax.sql.DataSource sameConnection(Connection c) {
        Connection unclosable = (Connection) java.lang.reflect.Proxy.newProxyInstance(
                TaskQueueTest.class.getClassLoader(), new Class<?>[] { Connection.class },
                (proxy, method, args) -> "close".equals(method.getName()) ? null : method.invoke(c, args));
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(TaskQueueTest.class.getClassLoader(),
                new Class<?>[] { javax.sql.DataSource.class }, (proxy, method, args) -> {
                    if ("getConnection".equals(method.getName())) {
                        return unclosable;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static String explain(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return explain(c, sql, params);
        }
    }

    private static String explain(Connection c, String sql, Object... params) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }
}
