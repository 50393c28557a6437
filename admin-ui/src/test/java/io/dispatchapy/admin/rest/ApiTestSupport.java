package io.dispatchapy.admin.rest;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import io.dispatchapy.admin.ui.LoginThrottle;
import io.dispatchapy.model.testing.DatabaseCleaner;
import io.dispatchapy.model.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Shared set-up of the API tests: a clean real database and an authenticated JSON request. */
@QuarkusTestResource(PostgresResource.class)
abstract class ApiTestSupport {
    static final String V1 = "/admin/api/v1";

    @Inject
    DataSource dataSource;
    @Inject
    LoginThrottle throttle;

    @BeforeEach
    void cleanDatabase() {
        DatabaseCleaner.clean(dataSource);
        throttle.reset();
    }

    static RequestSpecification api() {
        return given().auth().preemptive().basic("admin", "test-secret").contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    /** A new object was last updated when it was created, not before. */
    static void assertUpdatedWhenCreated(String path) {
        io.restassured.path.json.JsonPath json = api().get(path).then().statusCode(200).extract().jsonPath();
        org.assertj.core.api.Assertions.assertThat(java.time.Instant.parse(json.getString("updatedAt")))
                .as(path + " updatedAt").isEqualTo(java.time.Instant.parse(json.getString("createdAt")));
    }

    static long createResource(String name, String... requiredParams) {
        return api()
                .body(Map.of("name", name, "url", "https://provider.example/" + name, "requiredParams",
                        List.of(requiredParams)))
                .post(V1 + "/resources").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static long createEndpoint(String path, Long... resourceIds) {
        return api().body(Map.of("path", path, "resourceIds", List.of(resourceIds))).post(V1 + "/endpoints").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    static long createClient(String name, Long... endpointIds) {
        return api().body(Map.of("name", name, "endpointIds", List.of(endpointIds))).post(V1 + "/clients").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }
}
