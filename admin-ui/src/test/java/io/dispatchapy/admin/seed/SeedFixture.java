package io.dispatchapy.admin.seed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Builds a database of the original Dispatchapy: its tables exactly as its SQLAlchemy models create them on SQLite
 * (booleans without defaults: the models' defaults are applied by Python, so rows written by migrations or older
 * versions hold NULL), and rows of every kind, including the original's known quirks.
 */
final class SeedFixture {
    static final String SHOP_TOKEN = "dpy_shop-token-0123456789abcdefghijklmnopqrstuvwx";
    static final String OTHER_TOKEN = "dpy_other-shop-token-0123456789abcdefghijklmnopqrs";
    static final String LEGACY_TOKEN = "legacy-token-Math-random-123";

    static final String[] SCHEMA = { """
            CREATE TABLE resources (
            \tid INTEGER NOT NULL, name VARCHAR NOT NULL, endpoint VARCHAR NOT NULL, headers JSON,
            \trequired_params JSON, is_active BOOLEAN, healthy BOOLEAN, last_checked DATETIME,
            \tnext_health_check_at DATETIME, is_health_check_enabled BOOLEAN, health_check_test_values JSON,
            \thealth_check_method VARCHAR, health_check_interval_min INTEGER, health_check_interval_max INTEGER,
            \tsend_failure_email BOOLEAN, notification_email TEXT, notification_subject VARCHAR,
            \tnotification_template TEXT, send_failure_webhook BOOLEAN, failure_webhook_url VARCHAR,
            \tfailure_webhook_headers JSON, failure_webhook_payload JSON, latest_health_check_result JSON,
            \tcreated_at DATETIME DEFAULT (CURRENT_TIMESTAMP),
            \tPRIMARY KEY (id), UNIQUE (name))""", """
            CREATE TABLE endpoints (
            \tid INTEGER NOT NULL, path VARCHAR NOT NULL, description VARCHAR, required_params JSON,
            \tis_development_mode BOOLEAN, dev_hold_tasks BOOLEAN, dev_rules_enabled BOOLEAN, is_active BOOLEAN,
            \tdev_values JSON, created_at DATETIME DEFAULT (CURRENT_TIMESTAMP),
            \tPRIMARY KEY (id), UNIQUE (path))""",
            "CREATE TABLE endpoint_resource_links (id INTEGER NOT NULL, endpoint_id INTEGER, resource_id INTEGER,"
                    + " sequence INTEGER, PRIMARY KEY (id))",
            "CREATE TABLE endpoint_client_links (id INTEGER NOT NULL, endpoint_id INTEGER, client_id INTEGER,"
                    + " PRIMARY KEY (id))",
            """
                    CREATE TABLE parameter_rules (
                    \tid INTEGER NOT NULL, endpoint_id INTEGER, resource_id INTEGER, target_key VARCHAR,
                    \tsource_type VARCHAR, source_value VARCHAR, created_at DATETIME DEFAULT (CURRENT_TIMESTAMP),
                    \tPRIMARY KEY (id))""", """
                    CREATE TABLE development_rules (
                    \tid INTEGER NOT NULL, endpoint_id INTEGER, condition_param VARCHAR, condition_value VARCHAR,
                    \ttarget_param VARCHAR NOT NULL, override_value VARCHAR NOT NULL, PRIMARY KEY (id))""", """
                    CREATE TABLE clients (
                    \tid INTEGER NOT NULL, name VARCHAR NOT NULL, token VARCHAR NOT NULL, endpoint_id INTEGER,
                    \tis_dev_client BOOLEAN, dev_hold_tasks BOOLEAN, dev_rules_enabled BOOLEAN, description VARCHAR,
                    \tcreated_at DATETIME DEFAULT (CURRENT_TIMESTAMP), PRIMARY KEY (id), UNIQUE (token))""", """
                    CREATE TABLE client_dev_rules (
                    \tid INTEGER NOT NULL, client_id INTEGER, endpoint_id INTEGER, condition_param VARCHAR,
                    \tcondition_value VARCHAR, target_param VARCHAR, override_value VARCHAR, active BOOLEAN,
                    \tcreated_at DATETIME DEFAULT (CURRENT_TIMESTAMP), PRIMARY KEY (id))""",
            """
                    CREATE TABLE tasks (
                    \tid INTEGER NOT NULL, client_id INTEGER, client_name VARCHAR, ref_id VARCHAR, scope VARCHAR,
                    \tendpoint_id INTEGER, endpoint_path VARCHAR, source_payload JSON, target_payload JSON,
                    \tresource_id INTEGER, resource_name VARCHAR, status VARCHAR, attempts INTEGER, retry_count INTEGER,
                    \tmax_retries INTEGER, delay INTEGER, last_error TEXT, created_at DATETIME DEFAULT (CURRENT_TIMESTAMP),
                    \tupdated_at DATETIME, PRIMARY KEY (id))""",
            "CREATE INDEX ix_tasks_ref_id ON tasks (ref_id)", "CREATE INDEX ix_tasks_scope ON tasks (scope)",
            "CREATE TABLE logs (id INTEGER NOT NULL, task_id INTEGER, message TEXT,"
                    + " created_at DATETIME DEFAULT (CURRENT_TIMESTAMP), PRIMARY KEY (id))",
            "CREATE TABLE task_logs (id INTEGER NOT NULL, task_id INTEGER, message TEXT,"
                    + " created_at DATETIME DEFAULT (CURRENT_TIMESTAMP), PRIMARY KEY (id))",
            """
                    CREATE TABLE task_attempt_logs (
                    \tid INTEGER NOT NULL, task_id INTEGER, resource_id INTEGER, resource_name VARCHAR,
                    \tattempt_at DATETIME DEFAULT (CURRENT_TIMESTAMP), status VARCHAR, details TEXT, PRIMARY KEY (id))""",
            """
                    CREATE TABLE health_check_logs (
                    \tid INTEGER NOT NULL, resource_id INTEGER, created_at DATETIME DEFAULT (CURRENT_TIMESTAMP),
                    \tis_success BOOLEAN, status_code INTEGER, response_text TEXT, notification_status VARCHAR,
                    \tmethod VARCHAR, PRIMARY KEY (id))""",
            "CREATE TABLE settings (\"key\" VARCHAR NOT NULL, value VARCHAR, PRIMARY KEY (\"key\"))" };

    private SeedFixture() {
    }

    /** A seed database whose resources POST to the given URLs. */
    static Path create(Path dir, String primaryUrl, String backupUrl, String otherUrl) throws SQLException {
        Path file = dir.resolve("dispatchapy.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            for (String ddl : SCHEMA) {
                st.execute(ddl);
            }
            for (String row : rows(primaryUrl, backupUrl, otherUrl)) {
                st.execute(row);
            }
        }
        if (!Files.exists(file)) {
            throw new IllegalStateException("SQLite did not create " + file);
        }
        return file;
    }

    static String[] rows(String primaryUrl, String backupUrl, String otherUrl) {
        return new String[] {
                // 1: complete; 2: NULL booleans, invalid JSON headers, max < min; 3: inactive, simple check
                "INSERT INTO resources VALUES (1, 'sms-primary', '" + primaryUrl
                        + "', '{\"Authorization\": \"Bearer k1\"}',"
                        + " '[\"to\", \"text\", \"msg_id\"]', 1, 1, '2025-05-01 10:00:00.123456', '2025-05-01 10:01:00',"
                        + " 1, '{\"to\": \"000\", \"text\": \"hc {datetime}\"}', 'actual', 60, 120, 1, 'ops@example.com',"
                        + " 'Down: {resource_name}', 'Body {resource_endpoint}', 1, 'https://hooks.example/down',"
                        + " '{\"X-Key\": \"w\"}', '{\"text\": \"{resource_name} is down\"}', NULL, '2025-01-01 00:00:00')",
                "INSERT INTO resources (id, name, endpoint, headers, required_params, health_check_method,"
                        + " health_check_interval_min, health_check_interval_max) VALUES (2, 'sms-backup', '"
                        + backupUrl + "', '{not json', '[\"recipient\"]', 'simple', 300, 100)",
                "INSERT INTO resources VALUES (3, 'mailer', '" + otherUrl + "', NULL, NULL, 0, 0, NULL, NULL, 0, NULL,"
                        + " 'simple', 60, 90, 0, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, '2025-01-02 00:00:00')",
                // 1: normal; 2: leading slash and space, NULL is_active and NULL dev_rules_enabled; 3: dev mode + rules
                "INSERT INTO endpoints VALUES (1, 'send_sms', 'Send an SMS', '[\"phone\", \"ref\", \"scope\", \"text\"]',"
                        + " 0, 0, 0, 1, NULL, '2025-01-03 00:00:00')",
                "INSERT INTO endpoints (id, path, required_params, is_development_mode, dev_hold_tasks) VALUES"
                        + " (2, '/legacy path', '[\"ref\", \"scope\"]', 1, 1)",
                "INSERT INTO endpoints VALUES (3, 'notify', NULL, '[\"ref\", \"scope\"]', 1, 0, 1, 1, '{}', NULL)",
                // links: duplicates, orphans, out-of-order ids
                "INSERT INTO endpoint_resource_links VALUES (1, 1, 2, 1)",
                "INSERT INTO endpoint_resource_links VALUES (2, 1, 1, 0)",
                "INSERT INTO endpoint_resource_links VALUES (3, 1, 1, 2)",
                "INSERT INTO endpoint_resource_links VALUES (4, 1, 99, 3)",
                "INSERT INTO endpoint_resource_links VALUES (5, 77, 1, 0)",
                "INSERT INTO endpoint_resource_links VALUES (6, 3, 3, 0)",
                "INSERT INTO endpoint_resource_links VALUES (7, 2, 1, 0)",
                // rules: a repeated target key (the later wins), an unknown type, an unlinked resource, an orphan
                "INSERT INTO parameter_rules VALUES (1, 1, 1, 'text', 'from_source', 'body', NULL)",
                "INSERT INTO parameter_rules VALUES (2, 1, 1, 'to', 'from_source', 'phone', NULL)",
                "INSERT INTO parameter_rules VALUES (3, 1, 1, 'text', 'from_source', 'text', NULL)",
                "INSERT INTO parameter_rules VALUES (4, 1, 1, 'msg_id', 'generate_uuid', NULL, NULL)",
                "INSERT INTO parameter_rules VALUES (5, 1, 2, 'recipient', 'from_source', 'phone', NULL)",
                "INSERT INTO parameter_rules VALUES (6, 1, 2, 'weird', 'constant', 'x', NULL)",
                "INSERT INTO parameter_rules VALUES (7, 1, 3, 'x', 'from_source', 'phone', NULL)",
                "INSERT INTO parameter_rules VALUES (8, 5, 1, 'to', 'from_source', 'phone', NULL)",
                "INSERT INTO development_rules VALUES (1, 3, NULL, NULL, 'scope', 'test')",
                "INSERT INTO development_rules VALUES (2, 3, 'ref', '^T', 'ref', 'T-OVERRIDE')",
                "INSERT INTO development_rules VALUES (3, 9, NULL, NULL, 'scope', 'orphan')",
                // clients: two with one name, a legacy single-endpoint client, a legacy link to nothing
                "INSERT INTO clients VALUES (1, 'shop', '" + SHOP_TOKEN + "', NULL, 0, 0, 0, 'Web shop', NULL)",
                "INSERT INTO clients (id, name, token, dev_rules_enabled) VALUES (2, 'shop', '" + OTHER_TOKEN + "', 1)",
                "INSERT INTO clients VALUES (3, 'legacy', '" + LEGACY_TOKEN + "', 1, 0, 0, 0, NULL, NULL)",
                "INSERT INTO clients VALUES (4, 'gone', 'dpy_gone', 42, 0, 0, 0, NULL, NULL)",
                "INSERT INTO endpoint_client_links VALUES (1, 1, 1)",
                "INSERT INTO endpoint_client_links VALUES (2, 1, 1)",
                "INSERT INTO endpoint_client_links VALUES (3, 3, 2)",
                "INSERT INTO endpoint_client_links VALUES (4, 1, 99)",
                "INSERT INTO client_dev_rules (id, client_id, endpoint_id, target_param, override_value) VALUES"
                        + " (1, 2, 3, 'text', 'dev text')",
                "INSERT INTO client_dev_rules VALUES (2, 50, NULL, NULL, NULL, 'text', 'x', 1, NULL)",
                "INSERT INTO settings VALUES ('max_failure_attempts', '3')",
                "INSERT INTO settings VALUES ('task_delay_min', '2')",
                "INSERT INTO settings VALUES ('task_delay_max', '1')",
                "INSERT INTO settings VALUES ('enable_task_cleanup', 'True')",
                "INSERT INTO settings VALUES ('task_cleanup_days', '14')",
                "INSERT INTO settings VALUES ('smtp_server', 'smtp.example')",
                "INSERT INTO settings VALUES ('smtp_port', '465')",
                "INSERT INTO settings VALUES ('smtp_username', 'ops')",
                "INSERT INTO settings VALUES ('smtp_password', 'pw')",
                "INSERT INTO settings VALUES ('email_from', 'gw@example.com')",
                "INSERT INTO settings VALUES ('smtp_encryption', 'ssl_tls')",
                // tasks of every status, one with an unreadable payload, one of a deleted endpoint
                task(1, 1, "success", 1, "'2025-06-01 08:00:00.5'"),
                task(2, 1, "processing", 2, "'2025-06-01 08:01:00'"), task(3, 2, "dev", 0, "NULL"),
                task(4, 9, "pending", 0, "NULL"), task(5, 1, "failed", 3, "'2025-06-01 09:00:00'"),
                task(6, 1, "stopped", 0, "NULL"), "UPDATE tasks SET source_payload = 'oops' WHERE id = 6",
                "INSERT INTO logs VALUES (1, 1, 'Attempt 1/5 task [1] via ''sms-primary''', '2025-06-01 08:00:01')",
                "INSERT INTO logs VALUES (2, 1, 'Task Succeeded', '2025-06-01 08:00:02')",
                "INSERT INTO logs VALUES (3, 99, 'left behind by a delete', '2025-06-01 08:00:02')",
                "INSERT INTO task_attempt_logs VALUES (1, 1, 1, 'sms-primary', '2025-06-01 08:00:01',"
                        + " 'success', 'Status Code: 200 - Details: {\"ok\": true}')",
                "INSERT INTO task_attempt_logs VALUES (2, 5, 1, 'sms-primary', '2025-06-01 08:59:00',"
                        + " 'failed', 'Status Code: None - Details: Connection refused')",
                "INSERT INTO task_attempt_logs VALUES (3, 5, 2, 'sms-backup', '2025-06-01 08:59:01',"
                        + " 'failed', 'Status Code: 503 - Details: 503 Server Error')" };
    }

    private static String task(int id, int endpointId, String status, int retries, String updatedAt) {
        String payload = "{\"ref\": \"o-" + id + "\", \"scope\": \"shop\", \"phone\": \"+100\", \"text\": \"t" + id
                + "\"}";
        return "INSERT INTO tasks VALUES (" + id + ", 1, 'shop', 'o-" + id + "', 'shop', " + endpointId
                + ", 'send_sms', '" + payload + "', NULL, 1, 'sms-primary', '" + status + "', 0, " + retries
                + ", 5, 2, NULL," + " '2025-06-01 07:59:00', " + updatedAt + ")";
    }
}
