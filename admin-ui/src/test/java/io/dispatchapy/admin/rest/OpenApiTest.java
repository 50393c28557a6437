package io.dispatchapy.admin.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OpenApiTest extends ApiTestSupport {

    @Test
    void listsTheAdminRoutes() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("Dispatchapy admin API"))
                .body(containsString("/admin/api/v1/resources/{id}:"))
                .body(containsString("/admin/api/v1/endpoints/{id}/mappings:"))
                .body(containsString("/admin/api/v1/endpoints/{id}/dev-rules:"))
                .body(containsString("/admin/api/v1/clients/{id}/token:"))
                .body(containsString("/admin/api/v1/tasks/{id}/retry:"))
                .body(containsString("/admin/api/v1/tasks/{id}/stop:")).body(containsString("/admin/api/v1/settings:"))
                .body(containsString("/admin/api/v1/audit:"));
    }

    @Test
    void leavesTheHtmlPagesOut() {
        String doc = given().get("/q/openapi").then().statusCode(200).extract().asString();
        for (String uiPath : new String[] { "/login", "/client/login", "/logout", "/", "/resources", "/resources/new",
                "/tasks", "/task/{id}", "/clients", "/settings", "/audit", "/documentation", "/openapi-user.json",
                "/client/settings" }) {
            assertThat(doc).as(uiPath).doesNotContain("\n  " + uiPath + ":");
        }
        assertThat(doc).doesNotContain("text/html");
    }
}
