package io.dispatchapy.admin.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.dispatchapy.admin.config.AdminConfig;

/**
 * Refuses an admin API JSON body over {@code dispatchapy.admin.max-body-bytes} up front with a 413 and a {@code detail}
 * (file uploads, multipart, are left to the HTTP layer's own limit). A body without a length that grows past Quarkus'
 * {@code quarkus.http.limits.max-body-size} is cut off by the HTTP layer.
 */
public class AdminBodyLimit {
    private final AdminConfig config;

    public AdminBodyLimit(AdminConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true, priority = jakarta.ws.rs.Priorities.AUTHENTICATION + 10)
    public Response limit(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith(AdminAuthFilter.PREFIX) || request.getMediaType() != null
                && request.getMediaType().isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            return null;
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        long bytes;
        try {
            bytes = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return ErrorMappers.error(400, "Invalid Content-Length");
        }
        if (bytes > config.maxBodyBytes()) {
            return ErrorMappers.error(413,
                    "Request body is larger than the limit of " + config.maxBodyBytes() + " bytes");
        }
        return null;
    }
}
