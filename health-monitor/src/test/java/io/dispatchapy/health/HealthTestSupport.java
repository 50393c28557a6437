package io.dispatchapy.health;

import java.io.IOException;
import java.net.ServerSocket;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import io.dispatchapy.model.testing.DatabaseCleaner;
import io.dispatchapy.model.testing.Fixtures;

/** A clean database before each test, and helpers. */
abstract class HealthTestSupport {
    @Inject
    DataSource dataSource;
    Fixtures db;

    @BeforeEach
    void cleanDatabase() {
        DatabaseCleaner.clean(dataSource);
        db = new Fixtures(dataSource);
    }

    /** A resource checked every second over HTTP, with thresholds of one. */
    long checkedResource(String name, String url) {
        long id = db.resource(name, url);
        db.exec("UPDATE resource SET hc_enabled = true, hc_method = 'http', hc_interval_min_seconds = 1, "
                + "hc_interval_max_seconds = 1, hc_failure_threshold = 1, hc_success_threshold = 1 WHERE id = ?", id);
        return id;
    }

    String status(long resourceId) {
        return (String) db.queryValue("SELECT status FROM resource WHERE id = ?", resourceId);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
