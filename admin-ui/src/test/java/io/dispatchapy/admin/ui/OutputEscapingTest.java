package io.dispatchapy.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.dispatchapy.model.queue.NewTask;
import io.dispatchapy.model.queue.TaskQueue;
import io.quarkus.test.junit.QuarkusTest;

/** Names and payloads full of HTML are shown as text on every page that shows them, for admins and clients. */
@QuarkusTest
class OutputEscapingTest extends UiTestSupport {
    static final String XSS = "<script>alert(1)</script>";
    static final String IMG = "<img src=x onerror=alert(2)>";

    @Inject
    TaskQueue queue;

    @Test
    void everyPageEscapesWhatItShows() {
        long r = api().body(json("name", XSS, "url", "http://127.0.0.1:9/a", "requiredParams", List.of("a")))
                .post("/admin/api/v1/resources").then().statusCode(201).extract().jsonPath().getLong("id");
        long e = api().body(json("path", "xss", "description", XSS + IMG, "resourceIds", List.of(r)))
                .post("/admin/api/v1/endpoints").then().statusCode(201).extract().jsonPath().getLong("id");
        var client = api().body(json("name", XSS, "description", IMG, "endpointIds", List.of(e)))
                .post("/admin/api/v1/clients").then().statusCode(201).extract().jsonPath();
        long t = queue
                .insert(new NewTask(client.getLong("id"), XSS, e, "xss", XSS, IMG,
                        "{\"a\":\"" + XSS.replace("/", "\\/") + "\",\"b\":\"" + IMG + "\"}", false, null, null))
                .taskId();
        long auditId = api().get("/admin/api/v1/audit?entityType=resource").then().extract().jsonPath()
                .getLong("items[0].id");

        Browser admin = admin();
        List<String> adminPages = List.of("/", "/tasks", "/task/" + t, "/resources", "/resources/edit/" + r,
                "/resources/" + r + "/history", "/endpoints", "/endpoints/edit/" + e, "/endpoints/" + e + "/rules",
                "/clients", "/clients/edit/" + client.getLong("id"), "/audit", "/audit/" + auditId, "/documentation");
        for (String page : adminPages) {
            assertEscaped(admin, page);
        }
        Browser c = client(client.getString("token"));
        for (String page : List.of("/", "/tasks", "/task/" + t, "/client/settings", "/documentation")) {
            assertEscaped(c, page);
        }
    }

    private static void assertEscaped(Browser b, String page) {
        String html = b.get(page).then().statusCode(200).extract().asString();
        assertThat(html).as(page).doesNotContain("<script>alert", "<img src=x", "onerror=alert(2)>").containsAnyOf(
                "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x", "&lt;script&gt;alert(1)&lt;\\/script&gt;",
                "\\u003cscript\\u003e");
    }
}
