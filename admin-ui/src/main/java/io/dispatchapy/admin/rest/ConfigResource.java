package io.dispatchapy.admin.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dispatchapy.admin.service.ConfigService;

/** Configuration as code: export and apply the whole configuration as one JSON document. */
@Path("/admin/api/v1/config")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Config", description = "The whole configuration as one JSON document")
public class ConfigResource {
    private final ConfigService service;

    public ConfigResource(ConfigService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Export resources, endpoints (with mappings and dev rules), clients (no tokens) and settings "
            + "(no SMTP password)")
    public ObjectNode export() {
        return service.export();
    }

    @PUT
    @Operation(summary = "Apply a configuration document: upsert by resource name, endpoint path and client name, "
            + "in one transaction (400 naming the item and nothing applied on any problem)")
    public ConfigService.ImportResult apply(JsonNode body) {
        return service.apply(body);
    }
}
