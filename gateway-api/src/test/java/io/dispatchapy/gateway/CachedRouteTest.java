package io.dispatchapy.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dispatchapy.model.testing.DatabaseCleaner;
import io.dispatchapy.model.testing.Fixtures;
import io.dispatchapy.model.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Ingestion with a route cache of an hour, through real HTTP and PostgreSQL: an authorised caller's route is reused (a
 * change in the database does not reach it, which shows the database was not asked), while refusals are looked up every
 * time, so a client linked after a refusal is accepted at once.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestProfile(CachedRouteTest.LongRouteCache.class)
class CachedRouteTest {
    public static class LongRouteCache implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dispatchapy.gateway.route-cache", "1h");
        }
    }

    static final String BODY = "{\"ref\":\"r\"}";

    @Inject
    DataSource dataSource;
    Fixtures db;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(dataSource);
        db = new Fixtures(dataSource);
    }

    @Test
    void anAuthorisedRouteIsReusedAndRefusalsAreAskedEveryTime() {
        long resource = db.resource("sms", "http://127.0.0.1:9/never");
        long endpoint = db.endpoint("cached-send", List.of("ref"), resource);
        long client = db.client("shop", "dpy_cached-route", endpoint);
        long other = db.client("other", "dpy_cached-other");

        given().header("X-API-Token", "dpy_cached-route").body(BODY).post("/api/cached-send").then().statusCode(200);
        given().header("X-API-Token", "dpy_cached-other").body(BODY).post("/api/cached-send").then().statusCode(403)
                .body("detail", equalTo("Invalid API token for this endpoint"));

        // the endpoint now requires another parameter; the cached route does not know yet
        db.exec("UPDATE endpoint SET required_params = '[\"ref\",\"phone\"]'::jsonb WHERE id = ?", endpoint);
        given().header("X-API-Token", "dpy_cached-route").body(BODY).post("/api/cached-send").then().statusCode(200);
        // the refused client is linked: its next request is looked up again and accepted with the new parameters
        db.exec("INSERT INTO client_endpoint (client_id, endpoint_id) VALUES (?, ?)", other, endpoint);
        given().header("X-API-Token", "dpy_cached-other").body(BODY).post("/api/cached-send").then().statusCode(400)
                .body("detail", equalTo("Missing required parameter: phone"));
        given().header("X-API-Token", "dpy_cached-other").body("{\"ref\":\"r\",\"phone\":\"1\"}")
                .post("/api/cached-send").then().statusCode(200);

        assertThat(db.count("SELECT count(*) FROM task WHERE client_id = ?", client)).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM task WHERE client_id = ?", other)).isEqualTo(1);
    }
}
