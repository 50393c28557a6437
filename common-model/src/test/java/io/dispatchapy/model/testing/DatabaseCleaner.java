package io.dispatchapy.model.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/** Empties every table but the settings (which go back to their defaults) between tests. */
public final class DatabaseCleaner {
    private DatabaseCleaner() {
    }

    public static void clean(DataSource dataSource) {
        // a service under test may still be writing (a delivery in flight): retry when TRUNCATE deadlocks
        for (int attempt = 1;; attempt++) {
            try {
                cleanOnce(dataSource);
                return;
            } catch (IllegalStateException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static void cleanOnce(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE task, task_attempt, task_event, mapping_rule, dev_rule, client_endpoint, client, "
                    + "endpoint_resource, endpoint, health_check, resource_status_change, alert_outbox, resource, audit_log "
                    + "RESTART IDENTITY CASCADE");
            st.execute("UPDATE setting SET value = CASE key WHEN 'maxAttempts' THEN '5' "
                    + "WHEN 'retryDelayMinSeconds' THEN '1' WHEN 'retryDelayMaxSeconds' THEN '300' "
                    + "WHEN 'smtp.port' THEN '587' WHEN 'smtp.encryption' THEN 'starttls' "
                    + "WHEN 'alerts.taskFailed' THEN 'false' WHEN 'alerts.failover' THEN 'false' "
                    + "WHEN 'healthRetentionDays' THEN '30' ELSE NULL END");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not clean the test database", e);
        }
    }
}
