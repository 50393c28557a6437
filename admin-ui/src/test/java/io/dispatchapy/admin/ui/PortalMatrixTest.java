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

/**
 * The portal's authorization matrix: every route a client session may open (found by reflection), called by client A
 * with client B's ids, answers 403/404 (or A's own data only) and changes nothing of B's.
 */
@QuarkusTest
class PortalMatrixTest extends UiTestSupport {
    @Inject
    TaskQueue queue;

    @Test
    void clientACannotSeeOrChangeAnythingOfClientB() {
        long rA = resource("ra");
        long rB = resource("rb-secret-resource");
        long eA = endpoint("mine", rA);
        long eB = endpoint("theirs", rB);
        String tokenA = client("a", eA);
        client("b-secret-client", eB);
        long taskA = task(1, "a", eA, "mine", "a-ref");
        long taskB = task(2, "b-secret-client", eB, "theirs", "b-secret-ref");
        assertThat(taskA).isNotEqualTo(taskB);
        Browser a = client(tokenA);
        Map<String, String> before = fingerprint();

        List<UiRoutes.Route> portal = UiRoutes.all().stream().filter(r -> !r.adminOnly())
                .filter(r -> r.page() != LoginPage.class).toList();
        assertThat(portal).extracting(UiRoutes.Route::toString).contains("GET /task/1", "POST /task/1/retry",
                "POST /task/1/stop", "POST /task/1/delete", "GET /resources/1/history", "POST /client/settings");
        for (UiRoutes.Route r : portal) {
            String path = r.path().replace("/task/1", "/task/" + taskB).replace("/resources/1", "/resources/" + rB);
            var req = a.req().queryParam("clientId", 2).queryParam("endpointId", eB);
            var res = r.method().equals("GET") ? req.get(path) : req.contentType(ContentType.URLENC)
                    .formParam("_csrf", a.csrf()).formParam("ids", String.valueOf(taskB)).formParam("action", "delete")
                    .formParam("c_endpoint", String.valueOf(eB)).formParam("c_cparam", "").formParam("c_cvalue", "")
                    .formParam("c_target", "b").formParam("c_override", "x").post(path);
            String body = res.asString();
            assertThat(body).as(r + " shows nothing of B").doesNotContain("b-secret-ref", "b-secret-client",
                    "rb-secret-resource", "/api/theirs");
            assertThat(res.statusCode()).as(r.toString()).isIn(200, 303, 403, 404);
            if (res.statusCode() == 303) {
                assertThat(res.header("Location")).as(r.toString()).doesNotContain("done=1");
            }
        }
        assertThat(fingerprint()).isEqualTo(before);
        a.get("/task/" + taskA).then().statusCode(200);
    }

    private long resource(String name) {
        return api().body(json("name", name, "url", "http://127.0.0.1:9/x")).post("/admin/api/v1/resources").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    private long endpoint(String path, long resource) {
        return api().body(json("path", path, "requiredParams", List.of(), "resourceIds", List.of(resource)))
                .post("/admin/api/v1/endpoints").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private String client(String name, long endpoint) {
        return api().body(json("name", name, "endpointIds", List.of(endpoint))).post("/admin/api/v1/clients").then()
                .statusCode(201).extract().jsonPath().getString("token");
    }

    private long task(long client, String name, long endpoint, String path, String ref) {
        return queue.insert(new NewTask(client, name, endpoint, path, ref, "s", "{\"x\":1}", false, null, null))
                .taskId();
    }

    private Map<String, String> fingerprint() {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String t : List.of("task", "client", "dev_rule", "client_endpoint", "endpoint", "resource",
                    "audit_log", "health_check")) {
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
