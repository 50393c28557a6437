package io.dispatchapy.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.dispatchapy.model.queue.AttemptRecord;
import io.dispatchapy.model.queue.ClaimedTask;
import io.dispatchapy.model.queue.NewTask;
import io.dispatchapy.model.queue.TaskQueue;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ClientsTasksSettingsUiTest extends UiTestSupport {
    private static final Pattern TOKEN = Pattern.compile("id=\"token\">(dpy_[^<]+)<");

    @Inject
    TaskQueue queue;

    private long endpoint(String path, String... params) {
        return api().body(json("path", path, "requiredParams", List.of(params))).post("/admin/api/v1/endpoints").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    private static String token(String html) {
        Matcher m = TOKEN.matcher(html);
        assertThat(m.find()).as("token shown").isTrue();
        return m.group(1);
    }

    @Test
    void clientIsCreatedWithItsTokenShownOnceAndEdited() {
        Browser b = admin();
        long e = endpoint("send", "ref", "phone");
        b.get("/clients").then().statusCode(200).body(containsString("No clients yet"));
        b.get("/clients/new").then().statusCode(200).body(containsString("/api/send"));
        String html = b
                .post("/clients/new", "name", "shop <b>", "description", "web shop", "endpointIds", String.valueOf(e))
                .then().statusCode(200).header("Cache-Control", "no-store").body(containsString("shown only once"))
                .body(containsString("data-copy=\"token\"")).extract().asString();
        String token = token(html);
        long id = api().get("/admin/api/v1/clients").then().body("[0].name", equalTo("shop <b>"))
                .body("[0].endpointIds", equalTo(List.of((int) e))).extract().jsonPath().getLong("[0].id");
        b.get("/clients").then().body(containsString("shop &lt;b&gt;")).body(not(containsString(token)))
                .body(containsString(token.substring(0, 8)));
        b.get("/clients/edit/" + id).then().statusCode(200).body(not(containsString(token)));
        b.post("/clients/edit/" + id, "name", "shop", "devHold", "on", "devRules", "on", "c_endpoint", List.of(""),
                "c_cparam", List.of("ref"), "c_cvalue", List.of("^test"), "c_target", List.of("phone"), "c_override",
                List.of("000")).then().statusCode(303);
        api().get("/admin/api/v1/clients/" + id).then().body("devMode.holdTasks", equalTo(true))
                .body("devMode.rules[0].overrideValue", equalTo("000")).body("endpointIds", equalTo(List.of()));
        b.post("/clients/new", "name", "shop").then().statusCode(400)
                .body(containsString("id=\"name-error\">A client named &#39;shop&#39; already exists"));
        b.post("/clients/new", "name", "").then().statusCode(400).body(containsString("name is required"));
        // a new token: the old one stops working, and its portal sessions end
        Browser portal = client(token);
        String rotated = token(b.post("/clients/token/" + id).then().statusCode(200).extract().asString());
        assertThat(rotated).isNotEqualTo(token);
        portal.get("/").then().statusCode(303);
        client(rotated).get("/").then().statusCode(200);
        b.post("/clients/delete/" + id).then().statusCode(303);
        b.get("/clients/edit/" + id).then().statusCode(404);
    }

    @Test
    void taskListFiltersSearchesPagesAndActs() {
        Browser b = admin();
        long e = endpoint("send", "ref");
        long c = api().body(json("name", "shop", "endpointIds", List.of(e))).post("/admin/api/v1/clients").then()
                .extract().jsonPath().getLong("id");
        b.get("/tasks").then().statusCode(200).body(containsString("No tasks yet"));
        for (int i = 1; i <= 55; i++) {
            queue.insert(new NewTask(c, "shop", e, "send", "ref-" + i, "s", "{\"n\":" + i + "}", i == 3, null, null));
        }
        b.get("/tasks").then().statusCode(200).body(containsString("ref-55")).body(not(containsString(">ref-5<")))
                .body(containsString("Page 1 of 2 · 55 task(s)")).body(containsString("page=1"));
        b.get("/tasks?page=1").then().body(containsString(">ref-5<")).body(containsString("Page 2 of 2"));
        b.get("/tasks?page=2147483647").then().statusCode(200).body(not(containsString("ref-")))
                .body(not(containsString("Older")));
        b.get("/tasks?status=held").then().body(containsString(">ref-3<")).body(containsString("1 task(s)"));
        b.get("/tasks?q=ref-42").then().body(containsString("ref-42")).body(containsString("1 task(s)"));
        b.get("/tasks?status=bogus").then().statusCode(200).body(containsString("55 task(s)"));
        b.get("/tasks?clientId=" + c + "&endpointId=" + e).then().body(containsString("55 task(s)"));
        for (String s : List.of("pending", "processing", "success", "failed", "held", "stopped")) {
            b.get("/tasks").then().body(containsString("<option value=\"" + s + "\""));
        }
        b.get("/tasks?status=held").then().body(containsString("action=\"/task/3/stop\""))
                .body(containsString("action=\"/task/3/delete\""));
        b.post("/task/3/retry").then().statusCode(303).header("Location", containsString("/task/3?notice=retried"));
        api().get("/admin/api/v1/tasks/3").then().body("status", equalTo("pending"));
        b.post("/task/3/stop").then().statusCode(303);
        b.post("/task/3/stop").then().statusCode(409).contentType(ContentType.HTML)
                .body(containsString("cannot be stopped"));
        b.post("/task/3/delete").then().statusCode(303);
        b.get("/task/3").then().statusCode(404);
        b.post("/tasks/batch", "action", "delete", "ids", List.of("1", "2")).then().statusCode(303).header("Location",
                containsString("done=2&refused=0"));
        b.post("/tasks/batch", "action", "retry", "ids", List.of("4")).then().statusCode(303).header("Location",
                containsString("done=1"));
        api().get("/admin/api/v1/tasks").then().body("total", equalTo(52));
    }

    @Test
    void taskDetailShowsAttemptsPayloadsAndLogEscaped() {
        Browser b = admin();
        long e = endpoint("send", "ref");
        long c = api().body(json("name", "shop", "endpointIds", List.of(e))).post("/admin/api/v1/clients").then()
                .extract().jsonPath().getLong("id");
        long r = api().body(json("name", "sms", "url", "https://a.example")).post("/admin/api/v1/resources").then()
                .extract().jsonPath().getLong("id");
        long id = queue.insert(new NewTask(c, "shop", e, "send", "<i>ref</i>", "s", "{\"msg\":\"<script>x</script>\"}",
                false, null, null)).taskId();
        b.get("/task/" + id).then().statusCode(200).body(containsString("Send task"))
                .body(containsString("No attempts yet")).body(containsString("not sent yet"));
        ClaimedTask t = queue.claim("test-worker", 10, Duration.ofSeconds(30)).get(0);
        b.get("/task/" + id).then().body(not(containsString("Send task"))).body(not(containsString("/delete\"")));
        queue.recordAttempt("test-worker", t.id(), new AttemptRecord(r, "sms", Instant.now(), 42, false, 502,
                "<img src=x onerror=alert(1)>", "{\"to\":\"1\"}"));
        queue.fail("test-worker", t.id(), "All attempts failed");
        b.get("/task/" + id).then().statusCode(200).body(containsString("Retry task"))
                .body(containsString("&lt;img src=x onerror=alert(1)&gt;")).body(not(containsString("<img src=x")))
                .body(not(containsString("<script>x</script>"))).body(containsString("&lt;i&gt;ref&lt;/i&gt;"))
                .body(containsString("42 ms")).body(containsString("502")).body(containsString("All attempts failed"))
                .body(containsString("&quot;to&quot; : &quot;1&quot;"));
    }

    @Test
    void dashboardCountsEveryStatusAndDrawsTheChart() {
        Browser b = admin();
        long e = endpoint("send", "ref");
        long c = api().body(json("name", "shop", "endpointIds", List.of(e))).post("/admin/api/v1/clients").then()
                .extract().jsonPath().getLong("id");
        queue.insert(new NewTask(c, "shop", e, "send", "a", "s", "{}", false, null, null));
        queue.insert(new NewTask(c, "shop", e, "send", "b", "s", "{}", true, null, null));
        ClaimedTask t = queue.claim("test-worker", 1, Duration.ofSeconds(30)).get(0);
        queue.complete("test-worker", t.id());
        b.get("/").then().statusCode(200).body(containsString("href=\"/tasks?status=held\""))
                .body(containsString("href=\"/tasks?status=stopped\"")).body(containsString("<svg class=\"chart\""))
                .body(containsString("1 success, 0 failed")).body(containsString("/api/send"));
    }

    @Test
    void settingsAreSavedWithThePasswordWriteOnlyAndErrorsNextToTheField() {
        Browser b = admin();
        b.get("/settings").then().statusCode(200).body(containsString("name=\"maxAttempts\" value=\"5\""));
        b.post("/settings", "maxAttempts", "7", "retryDelayMinSeconds", "2", "retryDelayMaxSeconds", "60",
                "taskRetentionDays", "30", "smtp.host", "mail.example", "smtp.port", "465", "smtp.encryption", "ssl",
                "smtp.username", "bot", "smtp.password", "s3cret!", "smtp.from", "bot@example", "healthRetentionDays",
                "14", "alerts.failover", "true").then().statusCode(303);
        api().get("/admin/api/v1/settings").then().body("maxAttempts", equalTo(7))
                .body("healthRetentionDays", equalTo(14)).body("alerts.failover", equalTo(true))
                .body("alerts.taskFailed", equalTo(false)).body("taskRetentionDays", equalTo(30))
                .body("smtp.passwordSet", equalTo(true)).body("smtp.password", nullValue());
        b.get("/settings").then().body(not(containsString("s3cret!")))
                .body(containsString("set — leave empty to keep"));
        b.post("/settings", "maxAttempts", "0", "retryDelayMinSeconds", "2", "retryDelayMaxSeconds", "60").then()
                .statusCode(400).body(containsString("id=\"maxAttempts-error\">maxAttempts must be between 1 and 100"));
        b.post("/settings", "maxAttempts", "5", "retryDelayMinSeconds", "20", "retryDelayMaxSeconds", "10").then()
                .statusCode(400).body(containsString("id=\"retryDelayMaxSeconds-error\""));
        b.post("/settings", "maxAttempts", "many").then().statusCode(400).body(containsString("whole number"));
        api().get("/admin/api/v1/settings").then().body("maxAttempts", equalTo(7)).body("smtp.passwordSet",
                equalTo(true));
    }
}
