package io.dispatchapy.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.dispatchapy.health.service.RetentionJob;
import io.dispatchapy.model.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class RetentionTest extends HealthTestSupport {
    @Inject
    RetentionJob retention;

    @Test
    void deletesOnlyFinishedTasksOlderThanTheSettingInBatches() {
        long r = db.resource("r", "http://127.0.0.1:9/x");
        long ep = db.endpoint("e", List.of(), r);
        long client = db.client("c", "dpy_retention");
        for (int i = 0; i < 2500; i++) {
            db.exec("INSERT INTO task (status, client_id, endpoint_id, endpoint_path, payload, max_attempts, finished_at) "
                    + "VALUES (?, ?, ?, 'e', '{}', 5, now() - interval '40 days')", i % 2 == 0 ? "success" : "failed",
                    client, ep);
        }
        db.exec("INSERT INTO task (status, client_id, endpoint_id, endpoint_path, payload, max_attempts, finished_at) "
                + "VALUES ('success', ?, ?, 'e', '{}', 5, now() - interval '2 days')", client, ep);
        db.exec("INSERT INTO task (status, client_id, endpoint_id, endpoint_path, payload, max_attempts, created_at) "
                + "VALUES ('pending', ?, ?, 'e', '{}', 5, now() - interval '90 days')", client, ep);
        db.exec("INSERT INTO health_check (resource_id, method, success, created_at) VALUES (?, 'tcp', true, "
                + "now() - interval '40 days'), (?, 'tcp', true, now())", r, r);

        assertThat(retention.run()).isZero(); // retention not set: tasks are kept
        assertThat(db.count("SELECT count(*) FROM task")).isEqualTo(2502);
        assertThat(db.count("SELECT count(*) FROM health_check")).isEqualTo(1); // health history: 30 days by default

        db.setting("taskRetentionDays", "30");
        assertThat(retention.run()).isEqualTo(2500);
        assertThat(db.count("SELECT count(*) FROM task")).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM task WHERE status = 'pending'")).isEqualTo(1);
    }
}
