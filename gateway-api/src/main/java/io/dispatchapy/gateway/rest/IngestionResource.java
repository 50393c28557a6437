package io.dispatchapy.gateway.rest;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.dispatchapy.gateway.config.GatewayConfig;
import io.dispatchapy.gateway.service.Acceptance;
import io.dispatchapy.gateway.service.ApiError;
import io.dispatchapy.gateway.service.IngestionService;
import io.dispatchapy.gateway.service.TaskStatusService;
import io.dispatchapy.gateway.service.TaskStatusView;
import io.dispatchapy.gateway.service.TokenHeaders;

/** The client-facing API: store a task, read its status. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ingestion")
public class IngestionResource {
    private final IngestionService ingestion;
    private final TaskStatusService statuses;
    private final GatewayConfig config;

    public IngestionResource(IngestionService ingestion, TaskStatusService statuses, GatewayConfig config) {
        this.ingestion = ingestion;
        this.statuses = statuses;
        this.config = config;
    }

    @POST
    @Path("{path: .+}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Store a task for the endpoint at this path; it is delivered in the background")
    public Response ingest(@PathParam("path") String path, HttpHeaders headers, InputStream body) {
        Acceptance a = ingestion.ingest(path, token(headers),
                Optional.ofNullable(headers.getHeaderString("Idempotency-Key")),
                BoundedBody.read(body, config.maxBodyBytes()));
        // the seed's answer, in the seed's key order: {"status": ..., "task_id": ...}
        Map<String, Object> answerBody = new LinkedHashMap<>();
        answerBody.put("status", a.status());
        answerBody.put("task_id", a.taskId());
        Response.ResponseBuilder answer = Response.ok(answerBody);
        if (a.replayed()) {
            answer.header("Idempotent-Replayed", "true");
        }
        return answer.build();
    }

    @GET
    @Path("tasks/{id}")
    @Operation(summary = "Status of one of the calling client's tasks")
    public TaskStatusView task(@PathParam("id") String id, HttpHeaders headers) {
        long taskId;
        try {
            taskId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new ApiError(404, "Task not found");
        }
        return statuses.find(taskId, token(headers)).orElseThrow(() -> new ApiError(404, "Task not found"));
    }

    private static Optional<String> token(HttpHeaders headers) {
        return TokenHeaders.find(headers::getHeaderString);
    }
}
