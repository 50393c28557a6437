package io.dispatchapy.admin.ui.browser;

import java.util.Map;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dispatchapy.model.entity.Client;
import io.dispatchapy.model.entity.Endpoint;
import io.dispatchapy.model.queue.NewTask;
import io.dispatchapy.model.queue.TaskQueue;
import io.dispatchapy.model.token.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A test-only stand-in for the gateway's {@code POST /api/<path>} (the gateway is another module): token by hash,
 * endpoint link, required parameters, then {@link TaskQueue#insert}, as the gateway does.
 */
@Path("/api/{path: .+}")
public class TestIngestion {
    private final TaskQueue queue;
    private final ObjectMapper mapper;

    public TestIngestion(TaskQueue queue, ObjectMapper mapper) {
        this.queue = queue;
        this.mapper = mapper;
    }

    @POST
    public Response ingest(@PathParam("path") String path, @HeaderParam("X-API-Token") String token, String body)
            throws Exception {
        Map<String, Object> payload = mapper.readValue(body,
                mapper.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
        return QuarkusTransaction.requiringNew().call(() -> {
            Endpoint e = Endpoint.findByPath(path).filter(x -> x.active).orElse(null);
            if (e == null) {
                return Response.status(404).entity(Map.of("detail", "Endpoint not found")).build();
            }
            Client c = token == null ? null
                    : Client.<Client> find("tokenHash", Tokens.hash(token)).firstResultOptional().orElse(null);
            if (c == null || c.endpoints.stream().noneMatch(x -> x.id.equals(e.id))) {
                return Response.status(403).entity(Map.of("detail", "Invalid API token for this endpoint")).build();
            }
            for (String p : e.requiredParams) {
                if (!payload.containsKey(p)) {
                    return Response.status(400).entity(Map.of("detail", "Missing required parameter: " + p)).build();
                }
            }
            boolean held = c.devHoldTasks || (e.devMode && e.devHoldTasks);
            long id = queue.insert(new NewTask(c.id, c.name, e.id, e.path, String.valueOf(payload.get("ref")),
                    String.valueOf(payload.get("scope")), body, held, null, null)).taskId();
            return Response.ok(Map.of("status", held ? "held" : "queued", "task_id", id)).build();
        });
    }
}
