package io.dispatchapy.model.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * All SQL of the task queue. Statements are single round trips (data-modifying CTEs write the task's log in the same
 * statement), so callers need no transaction of their own.
 * <p>
 * Protocol: {@code pending} tasks are claimed in batches with {@code FOR UPDATE SKIP LOCKED} and leased to one worker;
 * every later write by that worker is fenced by {@code locked_by = worker AND status =
 * 'processing'}, so a worker whose lease expired changes nothing. Expired leases go back to {@code pending}.
 * <p>
 * The fence is written as one expression, {@code (CASE WHEN status = 'processing' THEN locked_by END) = worker}, and
 * never as two conditions: given {@code status = 'processing'}, the planner looks the row up through an index on
 * {@code status}, since few live rows are processing, but until vacuum passes that index range also holds an entry for
 * every task claimed since, so each fenced write scanned thousands of entries during a drain (up to 9 ms per completed
 * batch). The expression cannot use such an index, so the row is found by its primary key.
 */
@ApplicationScoped
public class TaskQueue {
    /** The channel workers LISTEN on; the gateway NOTIFYs it when a task is ready. */
    /** The lease fence (see the class comment); one parameter, the worker. */
    private static final String FENCE = "(CASE WHEN status = 'processing' THEN locked_by END) = ?";

    public static final String CHANNEL = "dispatchapy_tasks";
    private static final int DETAIL_LIMIT = 2000;

    private final DataSource dataSource;
    private final TaskNotifier notifier;

    /** Outside CDI (tests, tools): with a notifier of its own. */
    public TaskQueue(DataSource dataSource) {
        this(dataSource, new TaskNotifier(dataSource));
    }

    @Inject
    public TaskQueue(DataSource dataSource, TaskNotifier notifier) {
        this.dataSource = dataSource;
        this.notifier = notifier;
    }

    // ---- ingestion ----

    /** A new task's attempt budget; an unreadable setting falls back to the default instead of failing the insert. */
    private static final String MAX_ATTEMPTS = "COALESCE((SELECT CASE WHEN btrim(value) ~ '^[0-9]{1,9}$' "
            + "THEN btrim(value)::int END FROM setting WHERE key = 'maxAttempts'), 5)";

    private static final String INSERT = """
            WITH ins AS (
              INSERT INTO task (status, client_id, client_name, endpoint_id, endpoint_path, ref, scope, payload,
                                max_attempts, idempotency_key, request_hash, accepted_as)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, """ + MAX_ATTEMPTS + """
                      , ?, ?, ?)
              ON CONFLICT (client_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
              RETURNING id, status)
            SELECT id, status FROM ins""";

    /**
     * Stores a task and wakes the workers (through {@link TaskNotifier}, after the commit, so that inserts
     * group-commit); on an Idempotency-Key already used, returns the earlier task.
     */
    public InsertResult insert(NewTask t) {
        String acceptedAs = acceptedAs(t);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, status(t));
            ps.setLong(2, t.clientId());
            ps.setString(3, t.clientName());
            ps.setLong(4, t.endpointId());
            ps.setString(5, t.endpointPath());
            ps.setString(6, t.ref());
            ps.setString(7, t.scope());
            ps.setString(8, t.payloadJson());
            ps.setString(9, t.idempotencyKey());
            ps.setString(10, t.requestHash());
            ps.setString(11, acceptedAs);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    if ("pending".equals(rs.getString(2))) {
                        notifier.taskReady();
                    }
                    return new InsertResult(rs.getLong(1), acceptedAs, false, t.requestHash());
                }
            }
            return findByIdempotencyKey(c, t.clientId(), t.idempotencyKey());
        } catch (SQLException e) {
            throw new QueueException("Could not store the task", e);
        }
    }

    private static final String INSERT_MANY = """
            WITH d AS MATERIALIZED (
              SELECT nextval(pg_get_serial_sequence('task', 'id')) AS id, d.*
              FROM unnest(?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
                          ?::text[], ?::text[], ?::text[]) WITH ORDINALITY
                AS d(status, client_id, client_name, endpoint_id, endpoint_path, ref, scope, payload, idempotency_key,
                     request_hash, accepted_as, ord)),
            ins AS (
              INSERT INTO task (id, status, client_id, client_name, endpoint_id, endpoint_path, ref, scope, payload,
                                max_attempts, idempotency_key, request_hash, accepted_as)
              SELECT id, status, client_id, client_name, endpoint_id, endpoint_path, ref, scope, payload::jsonb,
                     """ + MAX_ATTEMPTS + """
                     , idempotency_key, request_hash, accepted_as
              FROM d ORDER BY ord
              ON CONFLICT (client_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
              RETURNING id)
            SELECT d.id, ins.id IS NOT NULL FROM d LEFT JOIN ins ON ins.id = d.id ORDER BY d.ord""";

    /**
     * Stores several tasks with one statement and one commit (the gateway's group commit), each like {@link #insert}:
     * one result per task, in order, a replay of the earlier task for an Idempotency-Key already used (also within the
     * batch). A batch the database refuses for another reason than the connection is stored task by task, so that one
     * bad task fails alone.
     */
    public List<Stored> insertAll(List<NewTask> tasks) {
        if (tasks.size() == 1) {
            return List.of(storeOne(tasks.get(0)));
        }
        List<Stored> stored;
        try (Connection c = dataSource.getConnection()) {
            stored = insertMany(c, tasks);
        } catch (SQLException e) {
            throw new QueueException("Could not store the tasks", e);
        }
        if (stored == null) {
            return tasks.stream().map(this::storeOne).toList();
        }
        if (stored.stream().anyMatch(
                s -> s.result() != null && !s.result().replayed() && "queued".equals(s.result().acceptedAs()))) {
            notifier.taskReady();
        }
        return stored;
    }

    /** One task's outcome in {@link #insertAll}: its result, or why it was not stored. */
    public record Stored(InsertResult result, QueueException error) {
        public InsertResult get() {
            if (error != null) {
                throw error;
            }
            return result;
        }
    }

    private Stored storeOne(NewTask t) {
        try {
            return new Stored(insert(t), null);
        } catch (QueueException e) {
            return new Stored(null, e);
        }
    }

    /** @return null when the statement was refused for another reason than the connection (nothing stored) */
    private List<Stored> insertMany(Connection c, List<NewTask> tasks) throws SQLException {
        int n = tasks.size();
        Object[][] columns = new Object[11][n];
        for (int i = 0; i < n; i++) {
            NewTask t = tasks.get(i);
            columns[0][i] = status(t);
            columns[1][i] = t.clientId();
            columns[2][i] = t.clientName();
            columns[3][i] = t.endpointId();
            columns[4][i] = t.endpointPath();
            columns[5][i] = t.ref();
            columns[6][i] = t.scope();
            columns[7][i] = t.payloadJson();
            columns[8][i] = t.idempotencyKey();
            columns[9][i] = t.requestHash();
            columns[10][i] = acceptedAs(t);
        }
        List<Stored> stored = new ArrayList<>(n);
        try (PreparedStatement ps = c.prepareStatement(INSERT_MANY)) {
            for (int col = 0; col < columns.length; col++) {
                ps.setArray(col + 1, c.createArrayOf(col == 1 || col == 3 ? "bigint" : "text", columns[col]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; i < n && rs.next(); i++) {
                    stored.add(rs.getBoolean(2) ? new Stored(
                            new InsertResult(rs.getLong(1), (String) columns[10][i], false, tasks.get(i).requestHash()),
                            null) : null);
                }
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw e;
            }
            return null;
        }
        // committed from here on: an error now belongs to one task and must not make the batch be stored again
        for (int i = 0; i < n; i++) {
            if (i >= stored.size()) {
                stored.add(new Stored(null, new QueueException("Could not store the task: no row returned", null)));
            } else if (stored.get(i) == null) { // its Idempotency-Key was used before (or earlier in this batch)
                NewTask t = tasks.get(i);
                try {
                    stored.set(i, new Stored(findByIdempotencyKey(c, t.clientId(), t.idempotencyKey()), null));
                } catch (SQLException e) {
                    stored.set(i, new Stored(null, new QueueException("Could not store the task", e)));
                }
            }
        }
        return stored;
    }

    private static String status(NewTask t) {
        return t.held() ? "held" : "pending";
    }

    private static String acceptedAs(NewTask t) {
        return t.held() ? "held" : "queued";
    }

    private InsertResult findByIdempotencyKey(Connection c, long clientId, String key) throws SQLException {
        try (PreparedStatement ps = onIndexes(c,
                "SELECT id, accepted_as, request_hash FROM task WHERE client_id = ? AND idempotency_key = ?")) {
            ps.setLong(1, clientId);
            ps.setString(2, key);
            try (ResultSet rs = query(ps)) {
                if (!rs.next()) {
                    throw new SQLException("Idempotency conflict without a stored task (deleted meanwhile?)");
                }
                return new InsertResult(rs.getLong(1), rs.getString(2), true, rs.getString(3));
            }
        }
    }

    // ---- worker ----

    static final String CLAIM = """
            WITH c AS (
              UPDATE task SET status = 'processing', locked_by = ?, lease_until = now() + make_interval(secs => ?),
                              updated_at = now()
              WHERE id IN (SELECT id FROM task WHERE status = 'pending' AND run_at <= now()
                           ORDER BY run_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
              RETURNING id, client_id, endpoint_id, endpoint_path, payload::text AS payload, attempts, max_attempts,
                        passes, created_at, run_at)
            SELECT id, client_id, endpoint_id, endpoint_path, payload, attempts, max_attempts, passes, created_at
            FROM c ORDER BY run_at, id""";

    /** Claims up to {@code limit} due tasks for {@code worker}, oldest due first. */
    public List<ClaimedTask> claim(String worker, int limit, Duration lease) {
        List<ClaimedTask> claimed = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = onIndexes(c, CLAIM)) {
            ps.setString(1, worker);
            ps.setDouble(2, lease.toMillis() / 1000.0);
            ps.setInt(3, limit);
            try (ResultSet rs = query(ps)) {
                while (rs.next()) {
                    claimed.add(new ClaimedTask(rs.getLong(1), (Long) rs.getObject(2), (Long) rs.getObject(3),
                            rs.getString(4), rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getInt(8),
                            rs.getTimestamp(9).toInstant()));
                }
            }
            return claimed;
        } catch (SQLException e) {
            throw new QueueException("Could not claim tasks", e);
        }
    }

    /** Extends the leases of tasks still in flight; returns how many this worker still holds. */
    public int extendLeases(String worker, Collection<Long> ids, Duration lease) {
        if (ids.isEmpty()) {
            return 0;
        }
        // rows locked in id order, as completeDelivered does, so the two cannot deadlock
        String sql = "UPDATE task SET lease_until = now() + make_interval(secs => ?) "
                + "WHERE id IN (SELECT id FROM task WHERE id = ANY(?) AND " + FENCE + " ORDER BY id FOR UPDATE) AND "
                + FENCE;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = onIndexes(c, sql)) {
            ps.setDouble(1, lease.toMillis() / 1000.0);
            ps.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            ps.setString(3, worker);
            ps.setString(4, worker);
            return update(ps);
        } catch (SQLException e) {
            throw new QueueException("Could not extend leases", e);
        }
    }

    private static final String RECORD_ATTEMPT = """
            WITH t AS (
              UPDATE task SET attempts = attempts + 1, resource_id = ?, resource_name = ?,
                              target_payload = ?::jsonb, updated_at = now()
              WHERE id = ? AND (CASE WHEN status = 'processing' THEN locked_by END) = ?
              RETURNING id, attempts, max_attempts),
            a AS (
              INSERT INTO task_attempt (task_id, attempt_no, resource_id, resource_name, started_at, duration_ms,
                                        outcome, status_code, detail)
              SELECT id, attempts, ?, ?, ?, ?, ?, ?, ? FROM t)
            INSERT INTO task_event (task_id, message)
            SELECT id, 'Attempt ' || attempts || '/' || max_attempts || ' via ''' || ? || ''': ' || ? FROM t""";

    /** Records one attempt (fenced); false when this worker no longer holds the task. */
    public boolean recordAttempt(String worker, long taskId, AttemptRecord a) {
        String detail = truncate(a.detail());
        String summary = (a.success() ? "success" : "failed")
                + (a.statusCode() == null ? "" : " (HTTP " + a.statusCode() + ")")
                + (a.success() || detail == null ? "" : " - " + truncate(detail, 300));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = onIndexes(c, RECORD_ATTEMPT)) {
            ps.setLong(1, a.resourceId());
            ps.setString(2, a.resourceName());
            ps.setString(3, a.targetPayloadJson());
            ps.setLong(4, taskId);
            ps.setString(5, worker);
            ps.setLong(6, a.resourceId());
            ps.setString(7, a.resourceName());
            ps.setTimestamp(8, Timestamp.from(a.startedAt()));
            ps.setInt(9, a.durationMs());
            ps.setString(10, a.success() ? "success" : "failed");
            if (a.statusCode() == null) {
                ps.setNull(11, Types.INTEGER);
            } else {
                ps.setInt(11, a.statusCode());
            }
            ps.setString(12, detail);
            ps.setString(13, a.resourceName());
            ps.setString(14, summary);
            return update(ps) == 1;
        } catch (SQLException e) {
            throw new QueueException("Could not record the attempt", e);
        }
    }

    private static final String COMPLETE_DELIVERED = """
            WITH d AS (
              SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::timestamptz[], ?::int[],
                                   ?::int[], ?::text[])
                AS d(id, resource_id, resource_name, target_payload, started_at, duration_ms, status_code, detail)),
            l AS MATERIALIZED (
              -- lock in id order, as extendLeases does, so two multi-row writers cannot deadlock
              SELECT id FROM task WHERE id = ANY(?::bigint[])
                AND (CASE WHEN status = 'processing' THEN locked_by END) = ? ORDER BY id FOR UPDATE),
            t AS (
              UPDATE task SET status = 'success', attempts = task.attempts + 1, resource_id = d.resource_id,
                              resource_name = d.resource_name, target_payload = d.target_payload::jsonb,
                              last_error = NULL, locked_by = NULL, lease_until = NULL, updated_at = now(),
                              finished_at = now()
              FROM l, d WHERE task.id = l.id AND d.id = l.id
                AND (CASE WHEN task.status = 'processing' THEN task.locked_by END) = ?
              RETURNING task.id, task.attempts, task.max_attempts, d.resource_id, d.resource_name, d.started_at,
                        d.duration_ms, d.status_code, d.detail),
            a AS (
              INSERT INTO task_attempt (task_id, attempt_no, resource_id, resource_name, started_at, duration_ms,
                                        outcome, status_code, detail)
              SELECT id, attempts, resource_id, resource_name, started_at, duration_ms, 'success', status_code, detail
              FROM t ORDER BY id),
            e AS (
              INSERT INTO task_event (task_id, message)
              SELECT id, 'Attempt ' || attempts || '/' || max_attempts || ' via ''' || resource_name || ''': success'
                         || COALESCE(' (HTTP ' || status_code || ')', '') || '. Delivered.'
              FROM t ORDER BY id)
            SELECT id FROM t""";

    /**
     * Records the successful attempt of each delivery and marks its task delivered, all in one statement and one commit
     * (the worker's batch completer). Fenced like every worker write: a task this worker no longer holds is left as it
     * is. Returns the ids of the tasks completed.
     */
    public Set<Long> completeDelivered(String worker, List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return Set.of();
        }
        try (Connection c = dataSource.getConnection()) {
            try {
                return completeDelivered(c, worker, deliveries);
            } catch (SQLException e) {
                if (!DEADLOCK.equals(e.getSQLState()) || deliveries.size() == 1) {
                    throw e;
                }
                // Another multi-row statement (e.g. an operator's UPDATE in READ COMMITTED, which also locks rows that
                // stopped matching) locked some of these rows in another order. One row per statement holds no lock
                // while it waits, so it cannot deadlock.
                Set<Long> done = new HashSet<>();
                for (Delivery d : deliveries) {
                    done.addAll(completeDelivered(c, worker, List.of(d)));
                }
                return done;
            }
        } catch (SQLException e) {
            throw new QueueException("Could not complete the delivered tasks", e);
        }
    }

    private static final String DEADLOCK = "40P01";

    private static Set<Long> completeDelivered(Connection c, String worker, List<Delivery> deliveries)
            throws SQLException {
        int n = deliveries.size();
        Object[] ids = new Object[n];
        Object[] resourceIds = new Object[n];
        Object[] resourceNames = new Object[n];
        Object[] payloads = new Object[n];
        Object[] started = new Object[n];
        Object[] durations = new Object[n];
        Object[] codes = new Object[n];
        Object[] details = new Object[n];
        for (int i = 0; i < n; i++) {
            Delivery d = deliveries.get(i);
            AttemptRecord a = d.attempt();
            ids[i] = d.taskId();
            resourceIds[i] = a.resourceId();
            resourceNames[i] = a.resourceName();
            payloads[i] = a.targetPayloadJson();
            started[i] = Timestamp.from(a.startedAt());
            durations[i] = a.durationMs();
            codes[i] = a.statusCode();
            details[i] = truncate(a.detail());
        }
        try (PreparedStatement ps = onIndexes(c, COMPLETE_DELIVERED)) {
            ps.setArray(1, c.createArrayOf("bigint", ids));
            ps.setArray(2, c.createArrayOf("bigint", resourceIds));
            ps.setArray(3, c.createArrayOf("text", resourceNames));
            ps.setArray(4, c.createArrayOf("text", payloads));
            ps.setArray(5, c.createArrayOf("timestamptz", started));
            ps.setArray(6, c.createArrayOf("int4", durations));
            ps.setArray(7, c.createArrayOf("int4", codes));
            ps.setArray(8, c.createArrayOf("text", details));
            ps.setArray(9, c.createArrayOf("bigint", ids));
            ps.setString(10, worker);
            ps.setString(11, worker);
            Set<Long> done = new HashSet<>();
            try (ResultSet rs = query(ps)) {
                while (rs.next()) {
                    done.add(rs.getLong(1));
                }
            }
            return done;
        }
    }

    /** Marks a claimed task delivered (fenced). */
    public boolean complete(String worker, long taskId) {
        return finish(worker, taskId, "success", null, "Delivered.");
    }

    /** Marks a claimed task failed for good (fenced). */
    public boolean fail(String worker, long taskId, String error) {
        return finish(worker, taskId, "failed", error, error);
    }

    private boolean finish(String worker, long taskId, String status, String error, String message) {
        String sql = """
                WITH t AS (
                  UPDATE task SET status = ?, last_error = ?, locked_by = NULL, lease_until = NULL,
                                  updated_at = now(), finished_at = now()
                  WHERE id = ? AND (CASE WHEN status = 'processing' THEN locked_by END) = ? RETURNING id)
                INSERT INTO task_event (task_id, message) SELECT id, ? FROM t""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = onIndexes(c, sql)) {
            ps.setString(1, status);
            ps.setString(2, truncate(error));
            ps.setLong(3, taskId);
            ps.setString(4, worker);
            ps.setString(5, truncate(message));
            return update(ps) == 1;
        } catch (SQLException e) {
            throw new QueueException("Could not finish the task", e);
        }
    }

    /**
     * Returns a claimed task to the queue, due after {@code delay} (fenced). The pass counter drives the backoff;
     * {@code error} becomes the task's last error when given.
     */
    public boolean reschedule(String worker, long taskId, Duration delay, String error, String message) {
        String sql = """
                WITH t AS (
                  UPDATE task SET status = 'pending', locked_by = NULL, lease_until = NULL, passes = passes + 1,
                                  run_at = now() + make_interval(secs => ?),
                                  last_error = COALESCE(?, last_error), updated_at = now()
                  WHERE id = ? AND (CASE WHEN status = 'processing' THEN locked_by END) = ? RETURNING id)
                INSERT INTO task_event (task_id, message) SELECT id, ? FROM t""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = onIndexes(c, sql)) {
            ps.setDouble(1, delay.toMillis() / 1000.0);
            ps.setString(2, truncate(error));
            ps.setLong(3, taskId);
            ps.setString(4, worker);
            ps.setString(5, truncate(message));
            return update(ps) == 1;
        } catch (SQLException e) {
            throw new QueueException("Could not reschedule the task", e);
        }
    }

    /** Gives back tasks this worker holds without having sent them (graceful shutdown). */
    public int release(String worker, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        String sql = """
                WITH t AS (
                  UPDATE task SET status = 'pending', locked_by = NULL, lease_until = NULL, run_at = now(),
                                  updated_at = now()
                  WHERE id = ANY(?) AND (CASE WHEN status = 'processing' THEN locked_by END) = ? RETURNING id)
                INSERT INTO task_event (task_id, message)
                SELECT id, 'Worker shutting down; task returned to the queue.' FROM t""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = onIndexes(c, sql)) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.setString(2, worker);
            return update(ps);
        } catch (SQLException e) {
            throw new QueueException("Could not release tasks", e);
        }
    }

    /** Returns tasks whose lease expired (their worker died) to the queue; gives their ids. */
    public List<Long> recoverExpired() {
        String sql = """
                WITH r AS (
                  UPDATE task SET status = 'pending', locked_by = NULL, lease_until = NULL, run_at = now(),
                                  updated_at = now()
                  WHERE id IN (SELECT id FROM task WHERE status = 'processing' AND lease_until < now()
                               LIMIT 1000 FOR UPDATE SKIP LOCKED)
                  RETURNING id)
                INSERT INTO task_event (task_id, message)
                SELECT id, 'Lease expired (its worker stopped answering); task returned to the queue.' FROM r
                RETURNING task_id""";
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = onIndexes(c, sql);
                ResultSet rs = query(ps)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            if (!ids.isEmpty()) {
                notifyWorkers(c);
            }
            return ids;
        } catch (SQLException e) {
            throw new QueueException("Could not recover expired leases", e);
        }
    }

    // ---- user actions ----

    /**
     * Re-queues a task with a fresh budget. Allowed from failed, pending, held and stopped; never from processing (the
     * seed allowed it and double-sent) nor success.
     */
    public Transition retry(long taskId, Optional<Long> ownerClientId) {
        String sql = """
                WITH t AS (
                  UPDATE task SET status = 'pending', attempts = 0, passes = 0, last_error = NULL,
                                  resource_id = NULL, resource_name = NULL, run_at = now(), finished_at = NULL,
                                  max_attempts = COALESCE((SELECT CASE WHEN btrim(value) ~ '^[0-9]{1,9}$'
                                                                       THEN btrim(value)::int END
                                                           FROM setting WHERE key = 'maxAttempts'), max_attempts),
                                  updated_at = now()
                  WHERE id = ? AND (?::bigint IS NULL OR client_id = ?)
                    AND status IN ('failed', 'pending', 'held', 'stopped')
                  RETURNING id, (SELECT status FROM task WHERE id = ?) AS previous)
                INSERT INTO task_event (task_id, message)
                SELECT id, CASE WHEN previous = 'held' THEN 'Released from hold; queued for delivery.'
                                ELSE 'Manual retry requested; attempts reset.' END FROM t""";
        return transition(taskId, ownerClientId, sql, true, true);
    }

    /** Stops a pending or held task. */
    public Transition stop(long taskId, Optional<Long> ownerClientId) {
        String sql = """
                WITH t AS (
                  UPDATE task SET status = 'stopped', last_error = 'Stopped by user.', finished_at = now(),
                                  updated_at = now()
                  WHERE id = ? AND (?::bigint IS NULL OR client_id = ?) AND status IN ('pending', 'held')
                  RETURNING id)
                INSERT INTO task_event (task_id, message) SELECT id, 'Stopped by user.' FROM t""";
        return transition(taskId, ownerClientId, sql, false, false);
    }

    /** Deletes a task that is not being processed, with its attempts and log. */
    public Transition delete(long taskId, Optional<Long> ownerClientId) {
        String sql = "DELETE FROM task WHERE id = ? AND (?::bigint IS NULL OR client_id = ?) "
                + "AND status <> 'processing'";
        return transition(taskId, ownerClientId, sql, false, false);
    }

    private Transition transition(long taskId, Optional<Long> owner, String sql, boolean notify,
            boolean readsPreviousStatus) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = onIndexes(c, sql)) {
            ps.setLong(1, taskId);
            if (owner.isPresent()) {
                ps.setLong(2, owner.get());
                ps.setLong(3, owner.get());
            } else {
                ps.setNull(2, Types.BIGINT);
                ps.setNull(3, Types.BIGINT);
            }
            if (readsPreviousStatus) {
                ps.setLong(4, taskId);
            }
            if (update(ps) == 1) {
                if (notify) {
                    notifyWorkers(c);
                }
                return Transition.DONE;
            }
            return exists(c, taskId, owner) ? Transition.CONFLICT : Transition.NOT_FOUND;
        } catch (SQLException e) {
            throw new QueueException("Could not change the task", e);
        }
    }

    private boolean exists(Connection c, long taskId, Optional<Long> owner) throws SQLException {
        try (PreparedStatement ps = onIndexes(c,
                "SELECT 1 FROM task WHERE id = ? AND (?::bigint IS NULL OR client_id = ?)")) {
            ps.setLong(1, taskId);
            ps.setObject(2, owner.orElse(null), Types.BIGINT);
            ps.setObject(3, owner.orElse(null), Types.BIGINT);
            try (ResultSet rs = query(ps)) {
                return rs.next();
            }
        }
    }

    /** Adds a line to a task's log. */
    public void addEvent(long taskId, String message) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO task_event (task_id, message) VALUES (?, ?)")) {
            ps.setLong(1, taskId);
            ps.setString(2, truncate(message));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new QueueException("Could not write the task log", e);
        }
    }

    /** Number of tasks waiting (pending), for the queue-depth gauge. */
    public long pendingCount() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM task WHERE status = 'pending'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new QueueException("Could not count pending tasks", e);
        }
    }

    /**
     * Runs before a statement, in the same round trip and transaction, so that it is planned from indexes only. A
     * statement is planned again and again at first, then PostgreSQL keeps one plan for the connection ("generic plan")
     * until statistics of the table change. Prepared while {@code task} held a few rows, that plan is a sequential
     * scan, the cheapest way to read a few pages, and stays one while the table grows, until autovacuum analyzes it (up
     * to a minute later by default, longer on a busy server): 100,000 tasks queued in seconds made each completion read
     * the whole table (8,400 blocks for 16 rows, docs/performance.md). Every statement here has one right plan (primary
     * key, or a queue index in its order), so none needs a sequential or bitmap scan; {@code set_config(..., true)}
     * lasts until the end of this statement's transaction.
     */
    static final String INDEX_PLANS = "SELECT set_config('enable_seqscan', 'off', true),"
            + " set_config('enable_bitmapscan', 'off', true);\n";

    /** A statement that runs after {@link #INDEX_PLANS}; its parameters are numbered as in {@code sql}. */
    private static PreparedStatement onIndexes(Connection c, String sql) throws SQLException {
        return c.prepareStatement(INDEX_PLANS + sql);
    }

    /** The result set of a statement from {@link #onIndexes}, past the settings' result. */
    private static ResultSet query(PreparedStatement ps) throws SQLException {
        ps.execute();
        if (!ps.getMoreResults()) {
            throw new SQLException("The statement returned no rows");
        }
        return ps.getResultSet();
    }

    /** The update count of a statement from {@link #onIndexes}, past the settings' result. */
    private static int update(PreparedStatement ps) throws SQLException {
        ps.execute();
        ps.getMoreResults();
        return ps.getUpdateCount();
    }

    private static void notifyWorkers(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, '')")) {
            ps.setString(1, CHANNEL);
            ps.execute();
        }
    }

    private static String truncate(String s) {
        return truncate(s, DETAIL_LIMIT);
    }

    private static String truncate(String s, int limit) {
        return s == null || s.length() <= limit ? s : s.substring(0, limit) + "…";
    }
}
