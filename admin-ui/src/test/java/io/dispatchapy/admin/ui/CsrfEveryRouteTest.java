package io.dispatchapy.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.dispatchapy.model.queue.NewTask;
import io.dispatchapy.model.queue.TaskQueue;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Every state-changing UI route refuses a missing or wrong CSRF token with 403 and changes nothing. */
@QuarkusTest
class CsrfEveryRouteTest extends UiTestSupport {
    static final List<String> TABLES = List.of("resource", "endpoint", "endpoint_resource", "mapping_rule", "dev_rule",
            "client", "client_endpoint", "task", "task_event", "setting", "ui_session", "audit_log", "health_check");

    @Inject
    TaskQueue queue;

    @Test
    void everyPostRouteOfTheUiPackageIsFound() {
        List<String> posts = UiRoutes.posts().stream().map(UiRoutes.Route::toString).toList();
        assertThat(posts).contains("POST /login", "POST /client/login", "POST /logout", "POST /resources/new",
                "POST /resources/delete/1", "POST /endpoints/1/rules/preview", "POST /task/1/retry",
                "POST /task/1/delete", "POST /settings/import-seed", "POST /client/settings", "POST /tasks/batch")
                .hasSizeGreaterThan(25);
    }

    @Test
    void aMissingOrWrongTokenIs403AndChangesNothing() {
        seed();
        Browser admin = admin();
        Map<String, String> before = fingerprint();
        for (UiRoutes.Route r : UiRoutes.posts()) {
            for (String token : new String[] { null, "wrong-" + admin.csrf(), "" }) {
                RequestSpecification req = admin.req();
                if (r.multipart()) {
                    req = req.multiPart("dryRun", "false").multiPart("file", "seed.db", new byte[] { 1, 2, 3 });
                    if (token != null) {
                        req = req.multiPart("_csrf", token);
                    }
                } else {
                    req = req.contentType(ContentType.URLENC).formParam("name", "x").formParam("password", PASSWORD);
                    if (token != null) {
                        req = req.formParam("_csrf", token);
                    }
                }
                int status = req.post(r.path()).then().extract().statusCode();
                assertThat(status).as(r + " with token " + token).isEqualTo(403);
            }
        }
        assertThat(fingerprint()).isEqualTo(before);
        admin.get("/").then().statusCode(200);
    }

    @Test
    void theAdminApiNeedsTheCsrfHeaderWithACookie() {
        seed();
        Browser admin = admin();
        Map<String, String> before = fingerprint();
        for (String[] call : new String[][] { { "POST", "/admin/api/v1/resources" },
                { "PUT", "/admin/api/v1/resources/1" }, { "DELETE", "/admin/api/v1/resources/1" },
                { "DELETE", "/admin/api/v1/tasks/1" }, { "POST", "/admin/api/v1/clients/1/token" },
                { "PUT", "/admin/api/v1/settings" }, { "PUT", "/admin/api/v1/config" } }) {
            admin.req().contentType(ContentType.JSON).body("{}").request(call[0], call[1]).then().statusCode(403);
            admin.req().header("X-CSRF-Token", "nope").contentType(ContentType.JSON).body("{}")
                    .request(call[0], call[1]).then().statusCode(403);
        }
        assertThat(fingerprint()).isEqualTo(before);
    }

    private void seed() {
        long r = api().body(json("name", "r", "url", "https://r.example/a")).post("/admin/api/v1/resources").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        long e = api().body(json("path", "p", "resourceIds", List.of(r))).post("/admin/api/v1/endpoints").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        long c = api().body(json("name", "c", "endpointIds", List.of(e))).post("/admin/api/v1/clients").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        queue.insert(new NewTask(c, "c", e, "p", "ref", "s", "{\"a\":1}", false, null, null));
        assertThat(List.of(r, e, c)).containsOnly(1L);
    }

    private Map<String, String> fingerprint() {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String t : TABLES) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, '|' "
                        + "ORDER BY x::text)), '') FROM " + t + " x")) {
                    rs.next();
                    out.put(t, rs.getString(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
