package io.dispatchapy.admin.rest;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.dispatchapy.admin.service.HealthHistoryService;
import io.dispatchapy.admin.service.ManualCheckService;

/** Manual checks and health history of a resource. */
@Path("/admin/api/v1/resources/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Resources")
public class HealthResource {
    private final ManualCheckService checks;
    private final HealthHistoryService history;

    public HealthResource(ManualCheckService checks, HealthHistoryService history) {
        this.checks = checks;
        this.history = history;
    }

    @POST
    @Path("/check")
    @Operation(summary = "Run the resource's configured check now and store the result (409 while one runs)")
    public CheckResultDto check(@PathParam("id") long id) {
        return checks.check(id);
    }

    @GET
    @Path("/history")
    @Operation(summary = "Checks (newest first, paged), status changes, uptime and latency over 24 h and 7 days")
    public HealthHistoryDto history(@PathParam("id") long id, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return history.history(id, page, size);
    }
}
