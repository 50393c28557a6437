package io.dispatchapy.admin.rest;

import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.dispatchapy.admin.service.AdminAuth;

/** Requires admin credentials on every {@code /admin/api/} request (matched or not). */
public class AdminAuthFilter {
    static final String PREFIX = "/admin/api/";

    private final AdminAuth auth;

    public AdminAuthFilter(AdminAuth auth) {
        this.auth = auth;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> requireAdmin(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!(path + "/").startsWith(PREFIX) || auth.acceptsBasic(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            return Optional.empty();
        }
        return Optional.of(Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"dispatchapy\"")
                .type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorDto("Authentication required")).build());
    }
}
