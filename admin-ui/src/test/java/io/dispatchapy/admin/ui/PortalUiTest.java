package io.dispatchapy.admin.ui;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PortalUiTest extends UiTestSupport {

    @Test
    void aClientChangesItsOwnHoldAndOverrideRulesOnly() {
        long e = api().body(json("path", "sms", "requiredParams", List.of("ref", "phone")))
                .post("/admin/api/v1/endpoints").then().extract().jsonPath().getLong("id");
        var created = api().body(json("name", "shop", "description", "secret notes", "endpointIds", List.of(e)))
                .post("/admin/api/v1/clients").then().extract().jsonPath();
        Browser c = client(created.getString("token"));
        c.get("/client/settings").then().statusCode(200).body(containsString("/api/sms"))
                .body(containsString(created.getString("tokenPrefix")))
                .body(not(containsString(created.getString("token")))).body(containsString("<option value=\"phone\""));
        c.post("/client/settings", "devHold", "on", "devRules", "on", "c_endpoint", List.of(String.valueOf(e)),
                "c_cparam", List.of("ref"), "c_cvalue", List.of("^test"), "c_target", List.of("phone"), "c_override",
                List.of("000"), "name", "renamed", "endpointIds", "999").then().statusCode(303);
        api().get("/admin/api/v1/clients/" + created.getLong("id")).then().body("name", equalTo("shop"))
                .body("description", equalTo("secret notes")).body("endpointIds", equalTo(List.of((int) e)))
                .body("devMode.holdTasks", equalTo(true)).body("devMode.rules[0].overrideValue", equalTo("000"));
        c.post("/client/settings", "devRules", "on", "c_target", List.of("phone")).then().statusCode(400)
                .body(containsString("id=\"rules-error\""));
        c.get("/clients/edit/" + created.getLong("id")).then().statusCode(303);
    }

    @Test
    void documentationListsTheVisibleEndpointsWithSwaggerUiServedLocally() {
        long e1 = api().body(json("path", "sms", "description", "Send an SMS", "requiredParams", List.of("phone")))
                .post("/admin/api/v1/endpoints").then().extract().jsonPath().getLong("id");
        api().body(json("path", "off", "active", false)).post("/admin/api/v1/endpoints").then().statusCode(201);
        api().body(json("path", "bare", "requiredParams", List.of())).post("/admin/api/v1/endpoints").then()
                .statusCode(201);
        Browser a = admin();
        a.get("/openapi-user.json").then().statusCode(200).body("openapi", equalTo("3.0.3"))
                .body("paths.keySet()", equalTo(Set.of("/api/sms", "/api/bare")))
                .body("paths.'/api/sms'.post.summary", equalTo("Send an SMS"))
                .body("paths.'/api/sms'.post.requestBody.content.'application/json'.schema.required",
                        equalTo(List.of("phone")))
                .body("components.securitySchemes.apiToken.name", equalTo("X-API-Token"));
        a.get("/documentation").then().statusCode(200).body(containsString("/webjars/swagger-ui/5.35.0/"))
                .body(containsString("X-API-Token: YOUR_API_TOKEN")).body(not(containsString("unpkg")));
        a.get("/webjars/swagger-ui/5.35.0/swagger-ui-bundle.js").then().statusCode(200);
        a.get("/webjars/htmx.org/2.0.4/dist/htmx.min.js").then().statusCode(200);
        String token = api().body(json("name", "c", "endpointIds", List.of(e1))).post("/admin/api/v1/clients").then()
                .extract().jsonPath().getString("token");
        client(token).get("/openapi-user.json").then().body("paths.keySet()", equalTo(Set.of("/api/sms")));
    }
}
