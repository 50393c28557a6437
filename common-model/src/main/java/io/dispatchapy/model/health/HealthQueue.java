package io.dispatchapy.model.health;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.dispatchapy.model.queue.QueueException;

/**
 * The SQL by which health-monitor replicas share work without doubling it: due checks and pending alerts are claimed
 * with {@code FOR UPDATE SKIP LOCKED}. A claimed check pushes {@code next_check_at} forward (a lease) so no other
 * replica takes it; recording the result then sets the real next time.
 */
@ApplicationScoped
public class HealthQueue {
    private static final String CLAIM_CHECKS = """
            UPDATE resource SET next_check_at = now() + make_interval(secs => ?)
            WHERE id IN (SELECT id FROM resource WHERE active AND hc_enabled
                           AND (next_check_at IS NULL OR next_check_at <= now())
                         ORDER BY next_check_at NULLS FIRST, id LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING id, name, url, hc_method, hc_url, headers::text, hc_test_values::text""";
    private static final String CLAIM_ALERTS = """
            UPDATE alert_outbox SET locked_by = ?, lease_until = now() + make_interval(secs => ?)
            WHERE id IN (SELECT id FROM alert_outbox WHERE status = 'pending' AND next_attempt_at <= now()
                           AND (lease_until IS NULL OR lease_until < now())
                         ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING id, kind, channel, resource_id, payload::text, attempts""";
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> OBJECTS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final ObjectMapper json;

    public HealthQueue(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Claims up to {@code limit} resources whose check is due, for at most {@code lease}. */
    public List<CheckTarget> claimDueChecks(int limit, Duration lease) {
        List<CheckTarget> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CLAIM_CHECKS)) {
            ps.setDouble(1, lease.toMillis() / 1000.0);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new CheckTarget(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), read(rs.getString(6), STRINGS), read(rs.getString(7), OBJECTS)));
                }
            }
            return due;
        } catch (SQLException e) {
            throw new QueueException("Could not claim due health checks", e);
        }
    }

    /** Claims pending alerts for {@code sender}. */
    public List<PendingAlert> claimAlerts(String sender, int limit, Duration lease) {
        List<PendingAlert> alerts = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CLAIM_ALERTS)) {
            ps.setString(1, sender);
            ps.setDouble(2, lease.toMillis() / 1000.0);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    alerts.add(new PendingAlert(rs.getLong(1), rs.getString(2), rs.getString(3), (Long) rs.getObject(4),
                            rs.getString(5), rs.getInt(6)));
                }
            }
            return alerts;
        } catch (SQLException e) {
            throw new QueueException("Could not claim alerts", e);
        }
    }

    /** Marks an alert sent (fenced by the sender's lease: a sender that lost it changes nothing). */
    public void alertSent(String sender, PendingAlert alert, Long healthCheckId) {
        finishAlert(sender, alert, "sent", null, Duration.ZERO, healthCheckId, alert.channel() + " sent");
    }

    /** Records a failed send: retried after {@code retryIn}, or given up when {@code finalFailure}. */
    public void alertFailed(String sender, PendingAlert alert, String error, Duration retryIn, boolean finalFailure,
            Long healthCheckId) {
        finishAlert(sender, alert, finalFailure ? "failed" : "pending", error, retryIn, healthCheckId,
                alert.channel() + (finalFailure ? " failed" : " retrying"));
    }

    private void finishAlert(String sender, PendingAlert alert, String status, String error, Duration retryIn,
            Long healthCheckId, String note) {
        String sql = """
                WITH a AS (
                  UPDATE alert_outbox SET status = ?, attempts = attempts + 1, last_error = ?, locked_by = NULL,
                         lease_until = NULL, next_attempt_at = now() + make_interval(secs => ?),
                         sent_at = CASE WHEN ? = 'sent' THEN now() END
                  WHERE id = ? AND locked_by = ? RETURNING id)
                UPDATE health_check SET notification_status =
                       regexp_replace(coalesce(notification_status, ''), ? || ' (queued|retrying)', ?)
                WHERE id = ? AND EXISTS (SELECT 1 FROM a)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, status);
            ps.setString(2, error);
            ps.setDouble(3, retryIn.toMillis() / 1000.0);
            ps.setString(4, status);
            ps.setLong(5, alert.id());
            ps.setString(6, sender);
            ps.setString(7, alert.channel());
            ps.setString(8, note);
            ps.setObject(9, healthCheckId, java.sql.Types.BIGINT);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new QueueException("Could not update the alert", e);
        }
    }

    /** Passive health on success: the consecutive-failure count starts again (no lock, no write if zero). */
    public void deliverySucceeded(long resourceId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c
                .prepareStatement("UPDATE resource SET passive_failures = 0 WHERE id = ? AND passive_failures > 0")) {
            ps.setLong(1, resourceId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new QueueException("Could not record a delivery success", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            T v = text == null ? null : json.readValue(text, type);
            return v != null ? v : json.convertValue(new LinkedHashMap<>(), type);
        } catch (JsonProcessingException e) {
            return json.convertValue(new LinkedHashMap<>(), type);
        }
    }
}
