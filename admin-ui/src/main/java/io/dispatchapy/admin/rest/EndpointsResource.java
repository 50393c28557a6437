package io.dispatchapy.admin.rest;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.dispatchapy.admin.service.ApiException;
import io.dispatchapy.admin.service.EndpointService;

/** Inbound gateway routes and their failover order. */
@Path("/admin/api/v1/endpoints")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Endpoints", description = "Inbound routes, their failover order, mappings and dev rules")
public class EndpointsResource {
    private final EndpointService service;

    public EndpointsResource(EndpointService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "List endpoints")
    public List<EndpointDto> list() {
        return service.list();
    }

    @POST
    @Operation(summary = "Create an endpoint (requiredParams default to [ref, scope])")
    public Response create(EndpointDto body) {
        return Response.status(Response.Status.CREATED).entity(service.create(body)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an endpoint")
    public EndpointDto get(@PathParam("id") long id) {
        return service.get(id).orElseThrow(() -> notFound(id));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Change an endpoint (absent fields keep their value)")
    public EndpointDto update(@PathParam("id") long id, EndpointDto body) {
        return service.update(id, body).orElseThrow(() -> notFound(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an endpoint with its links, mappings and dev rules")
    public Response delete(@PathParam("id") long id) {
        if (!service.delete(id)) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    static ApiException notFound(long id) {
        return ApiException.notFound("Endpoint " + id + " not found");
    }
}
