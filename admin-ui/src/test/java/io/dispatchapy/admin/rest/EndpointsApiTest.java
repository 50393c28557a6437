package io.dispatchapy.admin.rest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EndpointsApiTest extends ApiTestSupport {

    @Test
    void createsWithNormalisedPathDefaultParamsAndExactFieldNames() {
        long r = createResource("sms");
        api().body(Map.of("path", "  //send sms ", "description", "Texts", "resourceIds", List.of(r)))
                .post(V1 + "/endpoints").then().statusCode(201).body("id", equalTo(1)).body("path", equalTo("send_sms"))
                .body("description", equalTo("Texts")).body("requiredParams", contains("ref", "scope"))
                .body("active", equalTo(true)).body("resourceIds", contains((int) r))
                .body("devMode.enabled", equalTo(false)).body("devMode.holdTasks", equalTo(false))
                .body("devMode.rulesEnabled", equalTo(false)).body("readiness", equalTo("Missing clients"))
                .body("createdAt", matchesPattern("\\d{4}-.*Z"));
        assertUpdatedWhenCreated(V1 + "/endpoints/1");
        api().body(Map.of("path", "b", "requiredParams", List.of("phone", "ref", "phone", " "))).post(V1 + "/endpoints")
                .then().statusCode(201).body("requiredParams", contains("phone", "ref"))
                .body("resourceIds", hasSize(0));
        api().get(V1 + "/endpoints").then().statusCode(200).body("path", contains("send_sms", "b"));
    }

    @Test
    void keepsTheFailoverOrderAndReorders() {
        long r1 = createResource("one");
        createResource("two");
        long r3 = createResource("three");
        long e = createEndpoint("send", r3, r1);
        api().get(V1 + "/endpoints/" + e).then().body("resourceIds", contains((int) r3, (int) r1));
        api().body(Map.of("resourceIds", List.of(r1, r3))).put(V1 + "/endpoints/" + e).then().statusCode(200)
                .body("resourceIds", contains((int) r1, (int) r3)).body("path", equalTo("send"));
        api().get(V1 + "/endpoints/" + e).then().body("resourceIds", contains((int) r1, (int) r3));
        api().body(Map.of("resourceIds", List.of(r3))).put(V1 + "/endpoints/" + e).then().statusCode(200)
                .body("resourceIds", contains((int) r3));
    }

    @Test
    void rejectsBadInputWithADetail() {
        long r = createResource("one");
        createEndpoint("taken");
        long other = createEndpoint("other");
        post(Map.of("description", "x"), "path is required");
        post(Map.of("path", " / "), "path is required");
        post(Map.of("path", "/taken"), "An endpoint with path 'taken' already exists");
        post(Map.of("path", "x", "resourceIds", List.of(7)), "Unknown resource id 7");
        post(Map.of("path", "x", "resourceIds", List.of(r, r)), "resourceIds contains " + r + " more than once");
        api().body(Map.of("path", "taken")).put(V1 + "/endpoints/" + other).then().statusCode(400).body("detail",
                equalTo("An endpoint with path 'taken' already exists"));
        api().body("[1,2]").post(V1 + "/endpoints").then().statusCode(400).body("detail",
                equalTo("Malformed JSON body"));
        api().get(V1 + "/endpoints/99").then().statusCode(404).body("detail", equalTo("Endpoint 99 not found"));
        api().delete(V1 + "/endpoints/99").then().statusCode(404);
        api().get(V1 + "/endpoints/99/mappings").then().statusCode(404).body("detail",
                equalTo("Endpoint 99 not found"));
        api().body("[]").put(V1 + "/endpoints/99/dev-rules").then().statusCode(404);
    }

    @Test
    void readinessFollowsClientsResourcesAndMappings() {
        long r = createResource("sms", "to", "text");
        long e = createEndpoint("send");
        createClient("shop", e);
        api().get(V1 + "/endpoints/" + e).then().body("readiness", equalTo("No resources"));
        api().body(Map.of("resourceIds", List.of(r))).put(V1 + "/endpoints/" + e).then().body("readiness",
                equalTo("Rules incomplete for 'sms'"));
        api().body(List.of(mapping(r, "to", "field", "phone"), mapping(r, "text", "constant", "hi")))
                .put(V1 + "/endpoints/" + e + "/mappings").then().statusCode(200);
        api().get(V1 + "/endpoints/" + e).then().body("readiness", equalTo("Ready"));
    }

    @Test
    void mappingsAreReplacedAsAWholeAndValidated() {
        long r = createResource("sms");
        long unlinked = createResource("mail");
        long e = createEndpoint("send", r);
        String url = V1 + "/endpoints/" + e + "/mappings";
        api().body(List.of(mapping(r, "recipient", "field", "user.phone"),
                Map.of("resourceId", r, "targetKey", "id", "source", Map.of("type", "uuid")),
                mapping(r, "text", "template", "Hi {name}"))).put(url).then().statusCode(200).body("", hasSize(3))
                .body("[0].resourceId", equalTo((int) r)).body("[0].targetKey", equalTo("recipient"))
                .body("[0].source.type", equalTo("field")).body("[0].source.value", equalTo("user.phone"))
                .body("[1].source.type", equalTo("uuid")).body("[1].source.value", nullValue());
        api().body(List.of(mapping(r, "channel", "constant", "sms"))).put(url).then().statusCode(200).body("targetKey",
                contains("channel"));
        api().get(url).then().statusCode(200).body("targetKey", contains("channel")).body("[0].source.value",
                equalTo("sms"));
        badMapping(url, List.of(mapping(unlinked, "x", "field", "y")),
                "Resource " + unlinked + " is not linked to this endpoint");
        badMapping(url, List.of(mapping(r, " ", "field", "y")), "targetKey is required");
        badMapping(url, List.of(mapping(r, "x", "random", "y")),
                "source.type must be field, uuid, constant or template");
        badMapping(url, List.of(Map.of("resourceId", r, "targetKey", "x", "source", Map.of("type", "field"))),
                "source.value is required for type field (targetKey 'x')");
        badMapping(url, List.of(mapping(r, "x", "field", "a"), mapping(r, "x", "field", "b")),
                "Duplicate mapping for resource " + r + " and targetKey 'x'");
        api().get(url).then().body("targetKey", contains("channel"));
    }

    @Test
    void devRulesAreReplacedAsAWhole() {
        long e = createEndpoint("send");
        String url = V1 + "/endpoints/" + e + "/dev-rules";
        api().get(url).then().statusCode(200).body("", hasSize(0));
        api().body(List.of(Map.of("conditionParam", "scope", "conditionValue", "^test", "targetParam", "phone",
                "overrideValue", "000"), Map.of("targetParam", "text", "overrideValue", ""))).put(url).then()
                .statusCode(200).body("", hasSize(2)).body("[0].conditionParam", equalTo("scope"))
                .body("[0].conditionValue", equalTo("^test")).body("[0].targetParam", equalTo("phone"))
                .body("[0].overrideValue", equalTo("000")).body("[1].conditionParam", nullValue())
                .body("[1].overrideValue", equalTo(""));
        api().body(List.of(Map.of("targetParam", "phone"))).put(url).then().statusCode(400).body("detail",
                equalTo("overrideValue is required"));
        api().body(List.of(Map.of("overrideValue", "1"))).put(url).then().statusCode(400).body("detail",
                equalTo("targetParam is required"));
        api().body("[]").put(url).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void deleteRemovesTheEndpoint() {
        long r = createResource("sms");
        long e = createEndpoint("send", r);
        long c = createClient("shop", e);
        api().delete(V1 + "/endpoints/" + e).then().statusCode(204);
        api().get(V1 + "/endpoints/" + e).then().statusCode(404);
        api().get(V1 + "/clients/" + c).then().statusCode(200).body("endpointIds", hasSize(0));
        api().get(V1 + "/resources/" + r).then().statusCode(200);
    }

    static Map<String, Object> mapping(long resourceId, String key, String type, String value) {
        return Map.of("resourceId", resourceId, "targetKey", key, "source", Map.of("type", type, "value", value));
    }

    private static void post(Map<String, Object> body, String detail) {
        api().body(body).post(V1 + "/endpoints").then().statusCode(400).body("detail", equalTo(detail));
    }

    private static void badMapping(String url, Object body, String detail) {
        api().body(body).put(url).then().statusCode(400).body("detail", equalTo(detail));
    }
}
