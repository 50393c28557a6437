package io.dispatchapy.admin.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class AuthTest extends ApiTestSupport {

    @ParameterizedTest
    @CsvSource({ "GET,/resources", "POST,/resources", "GET,/resources/1", "PUT,/resources/1", "DELETE,/resources/1",
            "GET,/endpoints", "PUT,/endpoints/1", "GET,/endpoints/1/mappings", "PUT,/endpoints/1/dev-rules",
            "GET,/clients", "POST,/clients/1/token", "GET,/tasks", "POST,/tasks/1/retry", "DELETE,/tasks/1",
            "GET,/settings", "PUT,/settings", "GET,/no-such-route" })
    void everyRouteNeedsCredentials(String method, String path) {
        given().contentType(ContentType.JSON).body("{}").request(method, V1 + path).then().statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"dispatchapy\"").contentType(ContentType.JSON)
                .body("detail", equalTo("Authentication required"));
        given().auth().preemptive().basic("admin", "wrong").contentType(ContentType.JSON).body("{}")
                .request(method, V1 + path).then().statusCode(401).body("detail", equalTo("Authentication required"));
        given().header("Authorization", "Basic !!!not-base64").request(method, V1 + path).then().statusCode(401);
        given().header("Authorization", "Bearer test-secret").request(method, V1 + path).then().statusCode(401);
    }

    @ParameterizedTest
    @CsvSource({ "/resources", "/endpoints", "/clients", "/settings" })
    void theAdminPasswordWithAnyUserNameIsAccepted(String path) {
        given().auth().preemptive().basic("someone", "test-secret").get(V1 + path).then().statusCode(200);
    }

    @ParameterizedTest
    @CsvSource({ "/q/health/live", "/q/openapi" })
    void operationsRoutesStayOpen(String path) {
        given().get(path).then().statusCode(200);
    }
}
