package io.dispatchapy.admin.rest;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.dispatchapy.admin.service.SecretRotationService;

/** Key rotation for the secrets stored encrypted (see docs/security-secrets.md). */
@Path("/admin/api/v1/secrets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Settings")
public class SecretsResource {
    private final SecretRotationService rotation;

    public SecretsResource(SecretRotationService rotation) {
        this.rotation = rotation;
    }

    @POST
    @Path("rotate")
    @Operation(summary = "Re-encrypt every stored secret with the current key (DISPATCHAPY_SECRET_KEY), reading them"
            + " with it and DISPATCHAPY_SECRET_KEY_PREVIOUS")
    public SecretRotationService.Result rotate() {
        return rotation.rotate();
    }
}
