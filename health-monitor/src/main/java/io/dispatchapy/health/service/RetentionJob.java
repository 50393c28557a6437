package io.dispatchapy.health.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.health.config.HealthConfig;
import io.dispatchapy.model.settings.SettingsStore;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes finished tasks older than {@code taskRetentionDays} (when set), health history older than
 * {@code healthRetentionDays} (default 30) and sent alerts older than 30 days, in small batches so that no table is
 * locked for long. Replicas may run it at the same time: SKIP LOCKED keeps them apart.
 */
@ApplicationScoped
public class RetentionJob {
    private static final String TASKS = """
            DELETE FROM task WHERE id IN (SELECT id FROM task WHERE status IN ('success', 'failed', 'stopped')
              AND coalesce(finished_at, updated_at) < now() - make_interval(days => ?) LIMIT ? FOR UPDATE SKIP LOCKED)""";
    private static final String CHECKS = """
            DELETE FROM health_check WHERE id IN (SELECT id FROM health_check
              WHERE created_at < now() - make_interval(days => ?) LIMIT ? FOR UPDATE SKIP LOCKED)""";
    private static final String ALERTS = """
            DELETE FROM alert_outbox WHERE id IN (SELECT id FROM alert_outbox WHERE status <> 'pending'
              AND created_at < now() - make_interval(days => ?) LIMIT ? FOR UPDATE SKIP LOCKED)""";

    private final DataSource dataSource;
    private final SettingsStore settings;
    private final HealthConfig config;

    public RetentionJob(DataSource dataSource, SettingsStore settings, HealthConfig config) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.config = config;
    }

    @Scheduled(every = "${dispatchapy.health.retention-interval:1h}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.enabled()) {
            run();
        }
    }

    /** One clean-up; returns the number of tasks deleted. */
    public long run() {
        Map<String, String> s = settings.all();
        try {
            Integer taskDays = days(s.get("taskRetentionDays"));
            long tasks = taskDays == null ? 0 : deleteAll(TASKS, taskDays);
            Integer checkDays = days(s.getOrDefault("healthRetentionDays", "30"));
            long checks = deleteAll(CHECKS, checkDays == null ? 30 : checkDays);
            long alerts = deleteAll(ALERTS, 30);
            if (tasks + checks + alerts > 0) {
                Log.infof("Retention: deleted %d task(s), %d health check(s), %d alert(s)", tasks, checks, alerts);
            }
            return tasks;
        } catch (SQLException e) {
            Log.warnf("Retention clean-up failed: %s", e.getMessage());
            return 0;
        }
    }

    private long deleteAll(String sql, int days) throws SQLException {
        long total = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, days);
            ps.setInt(2, config.retentionBatchSize());
            int n;
            do {
                n = ps.executeUpdate();
                total += n;
            } while (n == config.retentionBatchSize());
        }
        return total;
    }

    private static Integer days(String value) {
        try {
            int d = value == null || value.isBlank() ? -1 : Integer.parseInt(value.trim());
            return d >= 1 ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
