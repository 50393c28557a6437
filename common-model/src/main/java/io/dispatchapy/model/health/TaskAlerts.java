package io.dispatchapy.model.health;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.queue.QueueException;

/**
 * Task-level alerts, sent through the notification channels of the resource concerned: a task that failed for good (the
 * last resource it tried), and a failover (the resource that failed before another took the task), at most once per
 * resource, channel and hour (a unique key, so concurrent workers cannot double it). Both are switched on in the
 * runtime settings ({@code alerts.taskFailed}, {@code alerts.failover}).
 */
@ApplicationScoped
public class TaskAlerts {
    public static final String TASK_FAILED_SETTING = "alerts.taskFailed";
    public static final String FAILOVER_SETTING = "alerts.failover";
    private static final String ENQUEUE = """
            INSERT INTO alert_outbox (kind, channel, resource_id, dedupe_key, payload)
            SELECT ?, ch.channel, r.id,
                   CASE WHEN ? THEN ? || ':' || r.id || ':' || ch.channel || ':' || to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24') END,
                   jsonb_build_object('event', ?::text, 'taskId', ?::bigint, 'endpointPath', ?::text, 'resourceId', r.id,
                                      'resourceName', r.name, 'resourceUrl', r.url, 'at', now(), 'error', ?::text,
                                      'deliveredBy', ?::text)
            FROM resource r CROSS JOIN (VALUES ('email'), ('webhook')) AS ch(channel)
            WHERE r.id = ? AND ((ch.channel = 'email' AND r.email_enabled AND coalesce(r.email_recipients, '') <> '')
                             OR (ch.channel = 'webhook' AND r.webhook_enabled AND coalesce(r.webhook_url, '') <> ''))
            ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING""";

    private final DataSource dataSource;

    public TaskAlerts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void taskFailed(long taskId, long resourceId, String endpointPath, String error) {
        enqueue("task_failed", false, "task.failed", taskId, endpointPath, resourceId, error, null);
    }

    public void failedOver(long taskId, long failedResourceId, String deliveredBy, String endpointPath) {
        enqueue("failover", true, "task.failover", taskId, endpointPath, failedResourceId, null, deliveredBy);
    }

    private void enqueue(String kind, boolean hourly, String event, long taskId, String endpointPath, long resourceId,
            String error, String deliveredBy) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ENQUEUE)) {
            ps.setString(1, kind);
            ps.setBoolean(2, hourly);
            ps.setString(3, kind);
            ps.setString(4, event);
            ps.setLong(5, taskId);
            ps.setString(6, endpointPath);
            ps.setString(7, error);
            ps.setString(8, deliveredBy);
            ps.setLong(9, resourceId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new QueueException("Could not queue a task alert", e);
        }
    }
}
