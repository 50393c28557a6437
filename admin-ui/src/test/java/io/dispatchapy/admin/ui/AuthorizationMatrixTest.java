package io.dispatchapy.admin.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.dispatchapy.model.queue.NewTask;
import io.dispatchapy.model.queue.TaskQueue;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class AuthorizationMatrixTest extends UiTestSupport {
    @Inject
    TaskQueue queue;

    static final String ADMIN_PAGES = """
            GET,/
            GET,/tasks
            GET,/task/1
            GET,/documentation
            GET,/openapi-user.json
            GET,/client/settings
            GET,/resources
            GET,/resources/new
            GET,/resources/edit/1
            GET,/endpoints
            GET,/endpoints/new
            GET,/endpoints/edit/1
            GET,/endpoints/1/rules
            GET,/clients
            GET,/clients/new
            GET,/clients/edit/1
            GET,/settings
            GET,/settings/export
            GET,/resources/1/history
            POST,/resources/1/check
            POST,/settings/smtp-test
            POST,/resources/new
            POST,/resources/edit/1
            POST,/resources/toggle/1
            POST,/resources/duplicate/1
            POST,/resources/delete/1
            POST,/endpoints/new
            POST,/endpoints/edit/1
            POST,/endpoints/1/toggle_active
            POST,/endpoints/1/toggle_dev_mode
            POST,/endpoints/duplicate/1
            POST,/endpoints/delete/1
            POST,/endpoints/1/rules
            POST,/endpoints/1/rules/preview
            POST,/clients/new
            POST,/clients/edit/1
            POST,/clients/token/1
            POST,/clients/delete/1
            POST,/settings
            POST,/settings/import
            POST,/tasks/batch
            POST,/task/1/retry
            POST,/task/1/stop
            POST,/task/1/delete
            POST,/client/settings
            """;

    @ParameterizedTest
    @CsvSource(textBlock = ADMIN_PAGES)
    void withoutASessionEveryPageRedirectsToLogin(String method, String path) {
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("x", "1").request(method, path)
                .then().statusCode(303).header("Location", endsWith("/login"));
        given().redirects().follow(false).cookie(UiFilter.COOKIE, "made-up").contentType(ContentType.URLENC)
                .formParam("x", "1").request(method, path).then().statusCode(303)
                .header("Location", endsWith("/login"));
    }

    @ParameterizedTest
    @CsvSource({ "GET,/resources", "GET,/resources/new", "GET,/resources/edit/1", "GET,/endpoints",
            "GET,/endpoints/new", "GET,/endpoints/1/rules", "GET,/clients", "GET,/clients/edit/1", "GET,/settings",
            "GET,/settings/export", "POST,/resources/new", "POST,/resources/delete/1", "POST,/endpoints/delete/1",
            "POST,/clients/new", "POST,/clients/token/1", "POST,/settings", "POST,/settings/import",
            "POST,/settings/smtp-test", "POST,/resources/1/check", "POST,/endpoints/1/rules/preview" })
    void aClientSessionCannotOpenAdminPages(String method, String path) {
        Browser c = clientWithTask().browser();
        c.req().contentType(ContentType.URLENC).formParam("_csrf", c.csrf()).request(method, path).then()
                .statusCode(303).header("Location", endsWith("/login"));
    }

    @ParameterizedTest
    @CsvSource({ "GET,/admin/api/v1/resources", "POST,/admin/api/v1/resources", "GET,/admin/api/v1/config",
            "PUT,/admin/api/v1/config", "GET,/admin/api/v1/tasks", "DELETE,/admin/api/v1/tasks/1",
            "GET,/admin/api/v1/clients" })
    void adminApiRoutesAnswer401WithoutAuthAndToClientSessions(String method, String path) {
        given().contentType(ContentType.JSON).body("{}").request(method, path).then().statusCode(401);
        Browser c = clientWithTask().browser();
        c.req().header("X-CSRF-Token", c.csrf()).contentType(ContentType.JSON).body("{}").request(method, path).then()
                .statusCode(401);
    }

    record Setup(Browser browser, long ownTask, long otherTask, long otherClient, long otherEndpoint) {
    }

    private Setup clientWithTask() {
        long e1 = api().body(json("path", "mine", "requiredParams", List.of("a"))).post("/admin/api/v1/endpoints")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long e2 = api().body(json("path", "theirs", "requiredParams", List.of("b"))).post("/admin/api/v1/endpoints")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        var mine = api().body(json("name", "me", "endpointIds", List.of(e1))).post("/admin/api/v1/clients").then()
                .statusCode(201).extract().jsonPath();
        long other = api().body(json("name", "other", "endpointIds", List.of(e2))).post("/admin/api/v1/clients").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        long own = queue.insert(
                new NewTask(mine.getLong("id"), "me", e1, "mine", "my-ref", "s", "{\"a\":1}", false, null, null))
                .taskId();
        long theirs = queue
                .insert(new NewTask(other, "other", e2, "theirs", "their-ref", "s", "{\"b\":2}", false, null, null))
                .taskId();
        return new Setup(client(mine.getString("token")), own, theirs, other, e2);
    }

    @Test
    void aClientSeesAndChangesOnlyItsOwnTasks() {
        Setup s = clientWithTask();
        Browser c = s.browser();
        c.get("/").then().statusCode(200).body(containsString("Dashboard · me")).body(containsString("my-ref"))
                .body(not(containsString("their-ref"))).body(not(containsString("/resources")));
        c.get("/tasks").then().statusCode(200).body(containsString("my-ref")).body(not(containsString("their-ref")));
        c.get("/tasks?clientId=" + s.otherClient()).then().statusCode(200).body(not(containsString("their-ref")));
        c.get("/tasks?endpointId=" + s.otherEndpoint()).then().statusCode(200).body(not(containsString("their-ref")));
        c.get("/task/" + s.ownTask()).then().statusCode(200).body(containsString("my-ref"));
        c.get("/task/" + s.otherTask()).then().statusCode(404).body(not(containsString("their-ref")));
        for (String action : List.of("retry", "stop", "delete")) {
            c.post("/task/" + s.otherTask() + "/" + action).then().statusCode(404);
        }
        c.post("/tasks/batch", "action", "delete", "ids", List.of(String.valueOf(s.otherTask()))).then().statusCode(303)
                .header("Location", containsString("done=0&refused=1"));
        api().get("/admin/api/v1/tasks/" + s.otherTask()).then().statusCode(200).body("status", equalTo("pending"));
        c.post("/task/" + s.ownTask() + "/stop").then().statusCode(303);
        api().get("/admin/api/v1/tasks/" + s.ownTask()).then().body("status", equalTo("stopped"));
        c.get("/openapi-user.json").then().statusCode(200).body("paths.keySet()",
                equalTo(java.util.Set.of("/api/mine")));
        c.get("/documentation").then().statusCode(200).body(containsString("/api/mine"))
                .body(not(containsString("/api/theirs")));
    }

    @Test
    void aClientCannotPointItsRulesAtAnotherClientsEndpoint() {
        Setup s = clientWithTask();
        s.browser().post("/client/settings", "devHold", "on", "c_endpoint", List.of(String.valueOf(s.otherEndpoint())),
                "c_cparam", List.of(""), "c_cvalue", List.of(""), "c_target", List.of("a"), "c_override", List.of("x"))
                .then().statusCode(403);
        api().get("/admin/api/v1/clients").then().body("find { it.name == 'me' }.devMode.holdTasks", equalTo(false));
    }

    @Test
    void processingTasksAreRefusedByBatchDelete() {
        Setup s = clientWithTask();
        queue.claim("test-worker", 10, Duration.ofSeconds(30));
        Browser a = admin();
        a.post("/tasks/batch", "action", "delete", "ids",
                List.of(String.valueOf(s.ownTask()), String.valueOf(s.otherTask()))).then().statusCode(303)
                .header("Location", containsString("done=0&refused=2"));
        a.get("/tasks?done=0&refused=2").then().statusCode(200).body(containsString("2 refused"));
        api().get("/admin/api/v1/tasks").then().body("total", equalTo(2));
    }
}
