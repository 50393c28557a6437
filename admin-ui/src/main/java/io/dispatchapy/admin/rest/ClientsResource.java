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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.dispatchapy.admin.service.ApiException;
import io.dispatchapy.admin.service.ClientService;

/** API consumers and their tokens. */
@Path("/admin/api/v1/clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Clients", description = "API consumers, their endpoint links, dev mode and tokens")
public class ClientsResource {
    private final ClientService service;
    private final ObjectMapper json;

    public ClientsResource(ClientService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @GET
    @Operation(summary = "List clients (never with tokens)")
    public List<ClientDto> list() {
        return service.list();
    }

    @POST
    @Operation(summary = "Create a client; the answer shows its token once")
    public Response create(ClientDto body) {
        return Response.status(Response.Status.CREATED).entity(service.create(body)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a client")
    public ClientDto get(@PathParam("id") long id) {
        return service.get(id).orElseThrow(() -> notFound(id));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Change a client (absent fields keep their value)")
    public ClientDto update(@PathParam("id") long id, ClientDto body) {
        return service.update(id, body).orElseThrow(() -> notFound(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a client (its tasks are kept)")
    public Response delete(@PathParam("id") long id) {
        if (!service.delete(id)) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/token")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Give the client a new token; the old one stops working at once, or after graceSeconds "
            + "(query parameter or JSON body {\"graceSeconds\": n}, at most 604800 = 7 days)")
    public TokenDto rotateToken(@PathParam("id") long id, @QueryParam("graceSeconds") String graceSeconds,
            String body) {
        int grace = graceSeconds != null ? GraceBody.parse(graceSeconds) : GraceBody.graceSeconds(body, json);
        return service.rotateToken(id, grace).orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("Client " + id + " not found");
    }
}
