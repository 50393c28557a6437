package io.dispatchapy.admin.ui;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Browser hardening of every UI answer: a strict Content-Security-Policy (scripts only from this origin, so an injected
 * script would not run even if escaping failed), no framing, no caching of pages that show private data.
 */
public class SecurityHeaders {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    @ServerResponseFilter
    public void harden(ContainerResponseContext response, ResourceInfo info) {
        if (info == null || info.getResourceClass() == null
                || !info.getResourceClass().getPackageName().equals(SecurityHeaders.class.getPackageName())) {
            return;
        }
        MultivaluedMap<String, Object> h = response.getHeaders();
        h.putSingle("Content-Security-Policy", CSP);
        h.putSingle("X-Frame-Options", "DENY");
        h.putSingle("X-Content-Type-Options", "nosniff");
        h.putSingle("Referrer-Policy", "same-origin");
        if (!h.containsKey("Cache-Control")) {
            h.putSingle("Cache-Control", "no-store");
        }
    }
}
