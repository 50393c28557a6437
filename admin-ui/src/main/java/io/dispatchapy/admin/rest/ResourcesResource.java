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
import io.dispatchapy.admin.service.ResourceService;

/** Outbound provider APIs. */
@Path("/admin/api/v1/resources")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Resources", description = "Outbound provider APIs")
public class ResourcesResource {
    private final ResourceService service;

    public ResourcesResource(ResourceService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "List resources")
    public List<ResourceDto> list() {
        return service.list();
    }

    @POST
    @Operation(summary = "Create a resource")
    public Response create(ResourceDto body) {
        return Response.status(Response.Status.CREATED).entity(service.create(body)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a resource")
    public ResourceDto get(@PathParam("id") long id) {
        return service.get(id).orElseThrow(() -> notFound(id));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Change a resource (absent fields keep their value)")
    public ResourceDto update(@PathParam("id") long id, ResourceDto body) {
        return service.update(id, body).orElseThrow(() -> notFound(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a resource, its links and its mappings")
    public Response delete(@PathParam("id") long id) {
        if (!service.delete(id)) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    static ApiException notFound(long id) {
        return ApiException.notFound("Resource " + id + " not found");
    }
}
