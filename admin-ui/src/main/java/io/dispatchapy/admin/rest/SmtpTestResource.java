package io.dispatchapy.admin.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.dispatchapy.admin.service.SmtpTestService;

/** Tries the mail server. */
@Path("/admin/api/v1/settings/smtp/test")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Settings")
public class SmtpTestResource {
    private final SmtpTestService service;

    public SmtpTestResource(SmtpTestService service) {
        this.service = service;
    }

    /** Body: any of host, port, username, password, from, encryption (stored values fill the rest) and {@code to}. */
    @POST
    @Operation(summary = "Log in to the SMTP server and send a test mail (to 'to', or to the from address)")
    public Map<String, Object> test(Map<String, Object> body) {
        String to = service.test(body == null ? Map.of() : body);
        return Map.of("success", true, "message", "Logged in and sent a test mail to " + to, "recipients", List.of(to));
    }
}
