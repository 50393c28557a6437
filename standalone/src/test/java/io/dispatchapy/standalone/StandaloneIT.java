package io.dispatchapy.standalone;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dispatchapy.model.testing.CountingProvider;
import io.dispatchapy.model.testing.ServiceProcess;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Runs the built application the way the README does ({@code java -jar .../quarkus-run.jar}, no database configured),
 * sets it up through the admin API like the quick start, sends a task through, and checks that the embedded database
 * keeps the data across a restart.
 */
class StandaloneIT {
    static final String PASSWORD = "it-secret";

    @Test
    void quickStartDeliversATaskAndDataSurvivesARestart() throws Exception {
        Path jar = Path.of(System.getProperty("dispatchapy.app.jar"));
        Path dataDir = Files.createTempDirectory("dispatchapy-standalone");
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("DISPATCHAPY_DATA_DIR", dataDir.toString(), "DISPATCHAPY_ADMIN_PASSWORD",
                PASSWORD);
        String token;
        int taskId;
        try (CountingProvider provider = new CountingProvider(0)) {
            try (ServiceProcess app = ServiceProcess.start(jar, "standalone", env, Duration.ofMinutes(3), false)) {
                assertThat(app.logText()).contains("Dispatchapy standalone is up").contains("embedded PostgreSQL");

                int resource = admin(app).body(Map.of("name", "sms-primary", "url", provider.url()))
                        .post("/admin/api/v1/resources").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201))
                        .extract().path("id");
                int endpoint = admin(app)
                        .body(Map.of("path", "send_sms", "requiredParams", List.of("ref", "scope", "phone"),
                                "resourceIds", List.of(resource)))
                        .post("/admin/api/v1/endpoints").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201))
                        .extract().path("id");
                token = admin(app).body(Map.of("name", "shop", "endpointIds", List.of(endpoint)))
                        .post("/admin/api/v1/clients").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201))
                        .extract().path("token");

                taskId = given().baseUri(app.baseUrl()).header("X-API-Token", token).contentType(ContentType.JSON)
                        .body("{\"ref\":\"o-1\",\"scope\":\"shop\",\"phone\":\"+100\"}").post("/api/send_sms").then()
                        .statusCode(200).extract().path("task_id");
                await().atMost(Duration.ofSeconds(30)).until(() -> "success".equals(given().baseUri(app.baseUrl())
                        .header("X-API-Token", token).get("/api/tasks/" + taskId).path("status")));
                assertThat(provider.accepted()).containsOnlyKeys(String.valueOf(taskId));
                given().baseUri(app.baseUrl()).get("/q/health/ready").then().statusCode(200);

                // a second instance on the same data directory refuses to start and leaves the first alone
                assertThatThrownBy(
                        () -> ServiceProcess.start(jar, "standalone-twin", env, Duration.ofMinutes(1), false))
                                .hasMessageContaining("another Dispatchapy process is running");
                given().baseUri(app.baseUrl()).header("X-API-Token", token).get("/api/tasks/" + taskId).then()
                        .statusCode(200);

                // an instance of its own on a port that is taken says so, and stops
                Path otherDir = Files.createTempDirectory("dispatchapy-standalone-port");
                Files.setPosixFilePermissions(otherDir, PosixFilePermissions.fromString("rwxr-xr-x"));
                assertThatThrownBy(() -> ServiceProcess.start(jar, "standalone-port-taken",
                        Map.of("DISPATCHAPY_DATA_DIR", otherDir.toString(), "QUARKUS_HTTP_PORT",
                                String.valueOf(app.port())),
                        Duration.ofMinutes(1), false)).hasMessageContaining(
                                "Error: Dispatchapy could not start: port " + app.port() + " is already in use");
                assertThat(otherDir.resolve("postgres/postmaster.pid")).doesNotExist();
            }
            assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();

            // a restart on the same data directory still knows the client, its token and the task
            try (ServiceProcess app = ServiceProcess.start(jar, "standalone-2", env, Duration.ofMinutes(3), false)) {
                given().baseUri(app.baseUrl()).header("X-API-Token", token).get("/api/tasks/" + taskId).then()
                        .statusCode(200).body("status", org.hamcrest.Matchers.equalTo("success"));
                app.kill(); // kill -9 leaves its PostgreSQL running...
            }
            // ...and the next start takes that orphan over
            try (ServiceProcess app = ServiceProcess.start(jar, "standalone-3", env, Duration.ofMinutes(3), false)) {
                given().baseUri(app.baseUrl()).header("X-API-Token", token).get("/api/tasks/" + taskId).then()
                        .statusCode(200).body("status", org.hamcrest.Matchers.equalTo("success"));
            }
        }
    }

    static RequestSpecification admin(ServiceProcess app) {
        return given().baseUri(app.baseUrl()).auth().preemptive().basic("admin", PASSWORD)
                .contentType(ContentType.JSON);
    }
}
