package io.dispatchapy.admin.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.dispatchapy.admin.service.SettingsService;

/** Runtime settings: retry policy, retention and SMTP. */
@Path("/admin/api/v1/settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Settings", description = "Retry policy, task retention and the mail server")
public class SettingsResource {
    private final SettingsService service;

    public SettingsResource(SettingsService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "The settings (the SMTP password is never shown)")
    public SettingsDto get() {
        return service.get();
    }

    @PUT
    @Operation(summary = "Change settings; absent fields keep their value, an empty smtp.password clears it")
    public SettingsDto update(
            @RequestBody(content = @Content(schema = @Schema(implementation = SettingsDto.class))) JsonNode body) {
        return service.update(body);
    }
}
