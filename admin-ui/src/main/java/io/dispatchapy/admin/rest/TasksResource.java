package io.dispatchapy.admin.rest;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.dispatchapy.admin.service.ApiException;
import io.dispatchapy.admin.service.TaskFilter;
import io.dispatchapy.admin.service.TaskService;

/** Delivery jobs: search, detail and the retry/stop/delete actions. */
@Path("/admin/api/v1/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tasks", description = "Delivery jobs")
public class TasksResource {
    private final TaskService service;

    public TasksResource(TaskService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Search tasks, newest first (page is 0-based, size at most 500)")
    public TaskPageDto list(@QueryParam("status") String status, @QueryParam("q") String q,
            @QueryParam("endpointId") Long endpointId, @QueryParam("clientId") Long clientId,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        return service.search(new TaskFilter(status, q, endpointId, clientId, page, size));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A task with its attempt history and log")
    public TaskDetailDto get(@PathParam("id") long id) {
        return service.detail(id).orElseThrow(() -> ApiException.notFound("Task " + id + " not found"));
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Re-queue a failed, stopped, held or pending task with a fresh budget")
    public TaskActionDto retry(@PathParam("id") long id) {
        return service.retry(id);
    }

    @POST
    @Path("/{id}/stop")
    @Operation(summary = "Stop a pending or held task")
    public TaskActionDto stop(@PathParam("id") long id) {
        return service.stop(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a task that is not being processed")
    public Response delete(@PathParam("id") long id) {
        service.delete(id);
        return Response.noContent().build();
    }
}
