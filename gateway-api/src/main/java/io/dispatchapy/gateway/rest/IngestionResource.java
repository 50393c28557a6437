package io.dispatchapy.gateway.rest;

import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.dispatchapy.gateway.service.ApiError;
import io.dispatchapy.gateway.service.TaskStatusService;
import io.dispatchapy.gateway.service.TaskStatusView;
import io.dispatchapy.gateway.service.TokenHeaders;

/**
 * The client-facing API's reads: the status of a task. Storing a task ({@code POST /api/{path}}) is
 * {@link IngestionRoute}, which never blocks the event loop.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ingestion")
public class IngestionResource {
    private final TaskStatusService statuses;

    public IngestionResource(TaskStatusService statuses) {
        this.statuses = statuses;
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
