package io.dispatchapy.admin.rest;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.dispatchapy.admin.service.EndpointRulesService;

/** The mappings and endpoint-level dev rules of one endpoint, each edited as a whole set. */
@Path("/admin/api/v1/endpoints/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Endpoints")
public class EndpointRulesResource {
    private final EndpointRulesService service;

    public EndpointRulesResource(EndpointRulesService service) {
        this.service = service;
    }

    @GET
    @Path("/mappings")
    @Operation(summary = "The endpoint's mappings")
    public List<MappingDto> mappings(@PathParam("id") long id) {
        return service.mappings(id).orElseThrow(() -> EndpointsResource.notFound(id));
    }

    @PUT
    @Path("/mappings")
    @Operation(summary = "Replace all of the endpoint's mappings")
    public List<MappingDto> replaceMappings(@PathParam("id") long id, List<MappingDto> body) {
        return service.replaceMappings(id, body).orElseThrow(() -> EndpointsResource.notFound(id));
    }

    @GET
    @Path("/dev-rules")
    @Operation(summary = "The endpoint's dev-mode override rules")
    public List<DevRuleDto> devRules(@PathParam("id") long id) {
        return service.devRules(id).orElseThrow(() -> EndpointsResource.notFound(id));
    }

    @PUT
    @Path("/dev-rules")
    @Operation(summary = "Replace all of the endpoint's dev-mode override rules")
    public List<DevRuleDto> replaceDevRules(@PathParam("id") long id, List<DevRuleDto> body) {
        return service.replaceDevRules(id, body).orElseThrow(() -> EndpointsResource.notFound(id));
    }
}
