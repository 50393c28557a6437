package io.dispatchapy.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.dispatchapy.model.queue.NewTask;
import io.dispatchapy.model.queue.TaskQueue;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class AuditLogTest extends UiTestSupport {
    static final String V1 = "/admin/api/v1";

    @Inject
    TaskQueue queue;

    @Test
    void everyAdminChangeIsRecordedWithSecretsMasked() throws Exception {
        long r = api()
                .body(json("name", "sms", "url", "http://127.0.0.1:9/send", "headers",
                        Map.of("Authorization", "Bearer header-secret-1", "Accept", "application/json"),
                        "notifications",
                        Map.of("webhook",
                                Map.of("enabled", false, "url", "https://hook.example", "headers",
                                        Map.of("X-Hook", "hook-secret-2")))))
                .post(V1 + "/resources").then().statusCode(201).extract().jsonPath().getLong("id");
        api().body(json("url", "http://127.0.0.1:9/v2")).put(V1 + "/resources/" + r).then().statusCode(200);
        long e = api().body(json("path", "send", "resourceIds", List.of(r))).post(V1 + "/endpoints").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        api().body(List.of(Map.of("resourceId", r, "targetKey", "to", "source", Map.of("type", "field", "value", "a"))))
                .put(V1 + "/endpoints/" + e + "/mappings").then().statusCode(200);
        api().body(
                List.of(Map.of("conditionParam", "", "conditionValue", "", "targetParam", "a", "overrideValue", "0")))
                .put(V1 + "/endpoints/" + e + "/dev-rules").then().statusCode(200);
        JsonPath client = api().body(json("name", "shop", "endpointIds", List.of(e))).post(V1 + "/clients").then()
                .statusCode(201).extract().jsonPath();
        long c = client.getLong("id");
        String rotated = api().post(V1 + "/clients/" + c + "/token").then().statusCode(200).extract().jsonPath()
                .getString("token");
        api().body(json("description", "the shop")).put(V1 + "/clients/" + c).then().statusCode(200);
        api().body(json("maxAttempts", 4, "smtp", Map.of("password", "smtp-secret-3"))).put(V1 + "/settings").then()
                .statusCode(200);
        long t1 = queue.insert(new NewTask(c, "shop", e, "send", "r1", "s", "{\"a\":1}", false, null, null)).taskId();
        long t2 = queue.insert(new NewTask(c, "shop", e, "send", "r2", "s", "{\"a\":1}", false, null, null)).taskId();
        api().post(V1 + "/tasks/" + t1 + "/stop").then().statusCode(200);
        api().post(V1 + "/tasks/" + t1 + "/retry").then().statusCode(200);
        api().delete(V1 + "/tasks/" + t2).then().statusCode(204);
        api().post(V1 + "/resources/" + r + "/check").then().statusCode(200);
        String config = api().get(V1 + "/config").then().statusCode(200).extract().asString();
        api().body(config).put(V1 + "/config").then().statusCode(200);
        api().delete(V1 + "/endpoints/" + e).then().statusCode(204);
        api().delete(V1 + "/resources/" + r).then().statusCode(204);
        api().delete(V1 + "/clients/" + c).then().statusCode(204);

        List<String> seen = api().get(V1 + "/audit?size=500").then().statusCode(200).extract().jsonPath()
                .getList("items.collect { it.action + ' ' + it.entityType }");
        assertThat(seen).containsSubsequence("delete client", "delete resource", "delete endpoint", "import config",
                "check resource", "delete task", "retry task", "stop task", "update settings", "update client",
                "rotate-token client", "create client", "update dev-rules", "update mappings", "create endpoint",
                "update resource", "create resource");
        assertThat(seen).contains("update resource", "update endpoint", "update client"); // from the import

        String everything = dump();
        assertThat(everything)
                .doesNotContain("header-secret-1", "hook-secret-2", "smtp-secret-3", client.getString("token"), rotated)
                .contains("application/json", "http://127.0.0.1:9/v2");
        api().get(V1 + "/audit?entityType=resource&entityId=" + r + "&size=500").then()
                .body("items.find { it.action == 'create' }.after.headers.Authorization", equalTo("***"))
                .body("items.find { it.action == 'create' }.after.headers.Accept", equalTo("application/json"))
                .body("items.find { it.action == 'create' }.after.notifications.webhook.headers.X-Hook", equalTo("***"))
                .body("items.find { it.action == 'create' }.before", nullValue())
                .body("items.find { it.action == 'create' }.actor", equalTo("admin"))
                .body("items.find { it.action == 'create' }.source", equalTo("api"))
                .body("items.find { it.action == 'create' }.ip", equalTo("127.0.0.1"))
                .body("items.findAll { it.action == 'update' }[-1].before.url", equalTo("http://127.0.0.1:9/send"))
                .body("items.findAll { it.action == 'update' }[-1].after.url", equalTo("http://127.0.0.1:9/v2"));
    }

    @Test
    void aRefusedChangeLeavesNoEntry() {
        api().body(json("path", "p", "resourceIds", List.of(99))).post(V1 + "/endpoints").then().statusCode(400);
        api().body(json("name", "a", "url", "https://a.example")).post(V1 + "/resources").then().statusCode(201);
        api().body(json("name", "b", "url", "https://b.example")).post(V1 + "/resources").then().statusCode(201);
        api().body(json("name", "a")).put(V1 + "/resources/2").then().statusCode(400);
        api().post(V1 + "/tasks/5/retry").then().statusCode(404);
        api().get(V1 + "/audit").then().body("total", equalTo(2)).body("items.action",
                equalTo(List.of("create", "create")));
    }

    @Test
    void uiAndPortalChangesNameTheirActorAndSource() {
        long e = api().body(json("path", "mine")).post(V1 + "/endpoints").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        String token = api().body(json("name", "me", "endpointIds", List.of(e))).post(V1 + "/clients").then()
                .statusCode(201).extract().jsonPath().getString("token");
        admin().post("/resources/new", "name", "from-ui", "url", "https://ui.example").then().statusCode(303);
        client(token).post("/client/settings", "devHold", "on").then().statusCode(303);
        api().get(V1 + "/audit?actor=admin").then().body("items[0].summary", equalTo("resource 'from-ui' created"))
                .body("items[0].source", equalTo("ui"));
        api().get(V1 + "/audit?entityType=client").then().body("items[0].actor", equalTo("client:me (#1)"))
                .body("items[0].before.devMode.holdTasks", equalTo(false))
                .body("items[0].after.devMode.holdTasks", equalTo(true));
    }

    @Test
    void filtersAndPaging() {
        for (int i = 0; i < 7; i++) {
            api().body(json("name", "r" + i, "url", "https://r.example")).post(V1 + "/resources").then()
                    .statusCode(201);
        }
        api().get(V1 + "/audit?size=3&page=2").then().body("total", equalTo(7)).body("items", hasSize(1))
                .body("page", equalTo(2)).body("items[0].entityId", equalTo("1"));
        api().get(V1 + "/audit?entityType=resource&entityId=4").then().body("total", equalTo(1));
        api().get(V1 + "/audit?actor=someone").then().body("total", equalTo(0));
        api().get(V1 + "/audit?since=2999-01-01").then().body("total", equalTo(0));
        api().get(V1 + "/audit?since=2000-01-01T00:00:00Z").then().body("total", equalTo(7));
        api().get(V1 + "/audit?since=yesterday").then().statusCode(400).body("detail", containsString("since"));
        api().get(V1 + "/audit?size=0").then().statusCode(400).body("detail", containsString("size"));
        api().get(V1 + "/audit/999").then().statusCode(404).body("detail", containsString("999"));
    }

    @Test
    void theAuditPageShowsFiltersPagingAndAnEscapedDiff() {
        long r = api().body(json("name", "<b>bold</b>", "url", "https://a.example")).post(V1 + "/resources").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        api().body(json("name", "<i>x</i>", "headers", Map.of("X-Key", "k-secret"))).put(V1 + "/resources/" + r).then()
                .statusCode(200);
        Browser b = admin();
        String list = b.get("/audit?entityType=resource").then().statusCode(200).extract().asString();
        assertThat(list).contains("Audit log", "&lt;b&gt;bold&lt;/b&gt;", "href=\"/audit\"").doesNotContain("<b>bold");
        long id = api().get(V1 + "/audit?size=1").then().extract().jsonPath().getLong("items[0].id");
        b.get("/audit/" + id).then().statusCode(200).body(containsString("&lt;i&gt;x&lt;/i&gt;"))
                .body(not(containsString("<i>x</i>"))).body(containsString("headers.X-Key"))
                .body(not(containsString("k-secret"))).body(containsString("***"));
        b.get("/audit?since=nonsense").then().statusCode(200).body(containsString("since must be"));
    }

    @Test
    void clientsCannotReadTheAuditLog() {
        long e = api().body(json("path", "mine")).post(V1 + "/endpoints").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        String token = api().body(json("name", "me", "endpointIds", List.of(e))).post(V1 + "/clients").then()
                .statusCode(201).extract().jsonPath().getString("token");
        Browser c = client(token);
        c.get("/audit").then().statusCode(303).header("Location", endsWith("/login"));
        c.get("/audit/1").then().statusCode(303);
        c.req().get(V1 + "/audit").then().statusCode(401);
        c.get("/").then().statusCode(200).body(not(containsString("href=\"/audit\"")));
    }

    private String dump() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT coalesce(string_agg(a::text, E'\\n'), '') FROM audit_log a")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
