package io.dispatchapy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Boots docker-compose.yml (images built from the modules' target/quarkus-app) and sends a task through the gateway.
 * Needs a Docker engine with the compose plugin; without one it is skipped and says so.
 */
class ComposeIT {
    static final String PASSWORD = "compose-it-secret";

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    @Test
    void composeBootsAndDeliversATask() throws Exception {
        if (!dockerAvailable()) {
            System.out.println("[it] ComposeIT skipped: no Docker");
            Assumptions.abort("skipped: no Docker");
        }
        Path root = DeployFilesIT.ROOT;
        for (String s : DeployFilesIT.SERVICES) {
            assertThat(root.resolve(s).resolve("target/quarkus-app/quarkus-run.jar")).as("build " + s + " first")
                    .exists();
        }
        try (ComposeContainer compose = new ComposeContainer(root.resolve("docker-compose.yml").toFile())
                .withEnv(Map.of("DISPATCHAPY_ADMIN_PASSWORD", PASSWORD, "DISPATCHAPY_SECRET_KEY", Cluster.SECRET_KEY,
                        "POSTGRES_USER", "dispatchapy", "POSTGRES_PASSWORD", "compose-db-secret", "POSTGRES_DB",
                        "dispatchapy"))
                .withBuild(true)
                .withExposedService("gateway-api", 8080,
                        Wait.forHttp("/q/health/ready").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(5)))
                .withExposedService("admin-ui", 8081,
                        Wait.forHttp("/q/health/ready").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(5)))) {
            compose.start();
            HttpClient http = HttpClient.newHttpClient();
            String admin = "http://" + compose.getServiceHost("admin-ui", 8081) + ":"
                    + compose.getServicePort("admin-ui", 8081) + "/admin/api/v1";
            String gateway = "http://" + compose.getServiceHost("gateway-api", 8080) + ":"
                    + compose.getServicePort("gateway-api", 8080);
            String auth = "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes());
            // the provider: the gateway itself, on the compose network, taking the delivery as a task of a second
            // endpoint that holds its tasks (dev mode), so nothing loops
            long nowhere = post(http, admin + "/resources", auth,
                    Map.of("name", "nowhere", "url", "http://127.0.0.1:9/")).get("id").asLong();
            long sink = post(http, admin + "/endpoints", auth, Map.of("path", "sink", "requiredParams", List.of(),
                    "resourceIds", List.of(nowhere), "devMode", Map.of("enabled", true, "holdTasks", true))).get("id")
                            .asLong();
            String sinkToken = post(http, admin + "/clients", auth,
                    Map.of("name", "sink-client", "endpointIds", List.of(sink))).get("token").asText();
            long resource = post(http, admin + "/resources", auth, Map.of("name", "compose-provider", "url",
                    "http://gateway-api:8080/api/sink", "headers", Map.of("X-API-Token", sinkToken))).get("id")
                            .asLong();
            long endpoint = post(http, admin + "/endpoints", auth,
                    Map.of("path", "compose", "requiredParams", List.of(), "resourceIds", List.of(resource))).get("id")
                            .asLong();
            String token = post(http, admin + "/clients", auth,
                    Map.of("name", "compose-client", "endpointIds", List.of(endpoint))).get("token").asText();
            HttpResponse<String> accepted = http.send(
                    HttpRequest.newBuilder(URI.create(gateway + "/api/compose")).header("X-API-Token", token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"hello\":\"compose\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).isEqualTo(200);
            long taskId = Cluster.JSON.readTree(accepted.body()).get("task_id").asLong();
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/tasks/" + taskId))
                        .header("X-API-Token", token).build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200
                        && Cluster.JSON.readTree(r.body()).get("status").asText().equals("success");
            });
        }
        assertThat(Files.exists(root.resolve(".env.example"))).isTrue();
    }

    static JsonNode post(HttpClient http, String url, String auth, Object body) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Cluster.JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isBetween(200, 201);
        return Cluster.JSON.readTree(r.body());
    }
}
