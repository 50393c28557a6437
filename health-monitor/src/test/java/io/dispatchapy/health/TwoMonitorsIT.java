package io.dispatchapy.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.dispatchapy.model.testing.DatabaseCleaner;
import io.dispatchapy.model.testing.Fixtures;
import io.dispatchapy.model.testing.PostgresResource;
import io.dispatchapy.model.testing.ServiceProcess;

/** Two health-monitor processes on one database: each due check runs once per interval. */
class TwoMonitorsIT {

    @Test
    void twoReplicasNeverCheckAResourceTwiceInOneInterval() throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(PostgresResource.jdbcUrl());
        ds.setUser(PostgresResource.username());
        ds.setPassword(PostgresResource.password());
        Path jar = Path.of(System.getProperty("dispatchapy.health.jar"));
        // two slots each: six resources due at the same instant cannot all go to whichever replica ticks first, so
        // both replicas take part (with eight slots one replica could win every round and the other none)
        Map<String, String> env = Map.of("DISPATCHAPY_HEALTH_TICK", "100ms", "DISPATCHAPY_HEALTH_CONCURRENCY", "2");

        try (ServerSocket provider = new ServerSocket(0, 200);
                ServiceProcess m1 = ServiceProcess.start(jar, "monitor-1", env, Duration.ofSeconds(90));
                ServiceProcess m2 = ServiceProcess.start(jar, "monitor-2", env, Duration.ofSeconds(90))) {
            DatabaseCleaner.clean(ds);
            Fixtures db = new Fixtures(ds);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                long id = db.resource("r" + i, "http://127.0.0.1:" + provider.getLocalPort() + "/");
                db.exec("UPDATE resource SET hc_enabled = true, hc_method = 'tcp', hc_interval_min_seconds = 2, "
                        + "hc_interval_max_seconds = 2 WHERE id = ?", id);
                ids.add(id);
            }
            // about five intervals
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> db.count(
                    "SELECT coalesce(min(n), 0) FROM (SELECT count(*) AS n FROM health_check GROUP BY resource_id) c") >= 5
                    && db.count("SELECT count(DISTINCT resource_id) FROM health_check") == ids.size());

            // consecutive checks of one resource are never closer than the interval (2 s), less clock noise
            double closest = ((Number) db.queryValue("""
                    SELECT min(gap) FROM (SELECT extract(epoch FROM created_at - lag(created_at)
                        OVER (PARTITION BY resource_id ORDER BY created_at)) AS gap FROM health_check) g
                    WHERE gap IS NOT NULL""")).doubleValue();
            assertThat(closest).isGreaterThan(1.8);
            assertThat(m1.isAlive()).isTrue();
            assertThat(m2.isAlive()).isTrue();
            // both replicas did checks; stop checking so the two counts can be compared
            db.exec("UPDATE resource SET hc_enabled = false");
            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
            assertThat(checksBy(m1) + checksBy(m2)).isEqualTo(db.count("SELECT count(*) FROM health_check"));
            assertThat(checksBy(m1)).isPositive();
            assertThat(checksBy(m2)).isPositive();
        }
    }

    static double checksBy(ServiceProcess monitor) {
        String metrics = io.restassured.RestAssured.get(monitor.baseUrl() + "/q/metrics").asString();
        return metrics.lines().filter(l -> l.startsWith("dispatchapy_health_checks_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
