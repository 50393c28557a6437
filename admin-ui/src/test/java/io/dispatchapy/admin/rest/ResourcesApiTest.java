package io.dispatchapy.admin.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dispatchapy.model.entity.Resource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ResourcesApiTest extends ApiTestSupport {

    @Test
    void createsWithDefaultsAndExactFieldNames() {
        api().body(Map.of("name", "sms-primary", "url", "https://provider.example/send", "requiredParams",
                List.of("to", "text"), "headers", Map.of("Authorization", "Bearer x"))).post(V1 + "/resources").then()
                .statusCode(201).body("id", equalTo(1)).body("name", equalTo("sms-primary"))
                .body("url", equalTo("https://provider.example/send")).body("method", equalTo("POST"))
                .body("bodyFormat", equalTo("json")).body("headers.Authorization", equalTo("Bearer x"))
                .body("requiredParams", contains("to", "text")).body("timeoutMs", equalTo(15000))
                .body("includeRaw", equalTo(true)).body("active", equalTo(true)).body("status", equalTo("UP"))
                .body("healthCheck.enabled", equalTo(false)).body("healthCheck.method", equalTo("tcp"))
                .body("healthCheck.intervalMinSeconds", equalTo(60)).body("healthCheck.intervalMaxSeconds", equalTo(90))
                .body("healthCheck.failureThreshold", equalTo(2)).body("healthCheck.successThreshold", equalTo(1))
                .body("notifications.email.enabled", equalTo(false)).body("notifications.email.recipients", hasSize(0))
                .body("notifications.webhook.enabled", equalTo(false))
                .body("createdAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z")).body("updatedAt", notNullValue());
        assertUpdatedWhenCreated(V1 + "/resources/1");
        api().get(V1 + "/resources").then().statusCode(200).body("name", contains("sms-primary"));
        api().get(V1 + "/resources/1").then().statusCode(200).body("requiredParams", contains("to", "text"));
    }

    @Test
    void updatesKeepAbsentFieldsAndScheduleChecksWhenEnabled() {
        long id = createResource("mail", "to");
        assertThat(nextCheckAt(id)).isNull();
        api().body(Map.of("method", "patch", "bodyFormat", "form", "includeRaw", false, "healthCheck",
                Map.of("enabled", true, "method", "http", "intervalMinSeconds", 10, "intervalMaxSeconds", 20),
                "notifications", Map.of("email", Map.of("enabled", true, "recipients", List.of("a@x.io", "b@x.io")))))
                .put(V1 + "/resources/" + id).then().statusCode(200).body("name", equalTo("mail"))
                .body("method", equalTo("PATCH")).body("bodyFormat", equalTo("form")).body("includeRaw", equalTo(false))
                .body("requiredParams", contains("to")).body("healthCheck.enabled", equalTo(true))
                .body("healthCheck.intervalMaxSeconds", equalTo(20))
                .body("notifications.email.recipients", contains("a@x.io", "b@x.io"));
        assertThat(nextCheckAt(id)).isNotNull();
    }

    @Test
    void rejectsBadInputWithADetail() {
        createResource("taken");
        bad(Map.of("url", "https://x.io"), "name is required");
        bad(Map.of("name", "n", "url", "ftp://x.io"), "url must be an http(s) URL");
        bad(Map.of("name", "n", "url", "not a url"), "url must be an http(s) URL");
        bad(Map.of("name", "taken", "url", "https://x.io"), "A resource named 'taken' already exists");
        bad(Map.of("name", "n", "url", "https://x.io", "method", "GET"), "method must be POST, PUT or PATCH");
        bad(Map.of("name", "n", "url", "https://x.io", "bodyFormat", "xml"), "bodyFormat must be json or form");
        bad(Map.of("name", "n", "url", "https://x.io", "healthCheck",
                Map.of("intervalMinSeconds", 100, "intervalMaxSeconds", 50)),
                "healthCheck.intervalMinSeconds must be <= intervalMaxSeconds");
        bad(Map.of("name", "n", "url", "https://x.io", "healthCheck", Map.of("method", "icmp")),
                "healthCheck.method must be tcp, http or post");
        api().body("{\"name\": ").post(V1 + "/resources").then().statusCode(400).body("detail",
                equalTo("Malformed JSON body"));
        api().body("{\"name\":\"n\",\"url\":\"https://x.io\",\"timeoutMs\":\"soon\"}").post(V1 + "/resources").then()
                .statusCode(400).body("detail", equalTo("Invalid value for 'timeoutMs'"));
        long id = createResource("other");
        api().body(Map.of("name", "taken")).put(V1 + "/resources/" + id).then().statusCode(400).body("detail",
                equalTo("A resource named 'taken' already exists"));
    }

    @Test
    void unknownIdsAre404() {
        api().get(V1 + "/resources/7").then().statusCode(404).body("detail", equalTo("Resource 7 not found"));
        api().body(Map.of("name", "x")).put(V1 + "/resources/7").then().statusCode(404).body("detail",
                equalTo("Resource 7 not found"));
        api().delete(V1 + "/resources/7").then().statusCode(404).body("detail", equalTo("Resource 7 not found"));
        api().get(V1 + "/resources/abc").then().statusCode(404).body("detail", equalTo("Not found"));
        api().patch(V1 + "/resources/7").then().statusCode(405).contentType("application/json").body("detail",
                notNullValue());
        api().contentType("text/plain").body("name").post(V1 + "/resources").then().statusCode(415)
                .contentType("application/json").body("detail", notNullValue());
        api().post(V1 + "/resources").then().statusCode(400).body("detail", equalTo("A JSON body is required"));
    }

    @Test
    void deletingAResourceThatEndpointsUseIs409NamingThemAndChangesNothing() {
        long a = createResource("a", "to");
        long b = createResource("b");
        long c = createResource("c");
        long send = createEndpoint("send", c, a, b);
        createEndpoint("other", a);
        api().body(List.of(Map.of("resourceId", a, "targetKey", "to", "source", Map.of("type", "field", "value", "x"))))
                .put(V1 + "/endpoints/" + send + "/mappings").then().statusCode(200);
        api().delete(V1 + "/resources/" + a).then().statusCode(409).body("detail", equalTo(
                "Resource 'a' is used by endpoint(s) 'other', 'send'; remove it from their failover list first"));
        api().get(V1 + "/endpoints/" + send).then().statusCode(200).body("resourceIds",
                contains((int) c, (int) a, (int) b));
        api().get(V1 + "/endpoints/" + send + "/mappings").then().statusCode(200).body("", hasSize(1));
        api().get(V1 + "/audit?entityType=resource&entityId=" + a).then().body("items.action", contains("create"));

        api().body(Map.of("resourceIds", List.of(c, b))).put(V1 + "/endpoints/" + send).then().statusCode(200);
        api().body(Map.of("resourceIds", List.of())).put(V1 + "/endpoints/2").then().statusCode(200);
        api().delete(V1 + "/resources/" + a).then().statusCode(204);
        api().get(V1 + "/resources/" + a).then().statusCode(404);
        api().get(V1 + "/resources").then().body("name", contains("b", "c"));
    }

    private static void bad(Map<String, Object> body, String detail) {
        api().body(body).post(V1 + "/resources").then().statusCode(400).body("detail", equalTo(detail));
    }

    private static Object nextCheckAt(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Resource.<Resource> findById(id).nextCheckAt);
    }
}
