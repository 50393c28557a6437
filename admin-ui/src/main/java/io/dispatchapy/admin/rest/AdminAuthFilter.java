package io.dispatchapy.admin.rest;

import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.dispatchapy.admin.service.AdminAuth;
import io.dispatchapy.admin.ui.Form;
import io.dispatchapy.admin.ui.SessionStore;
import io.dispatchapy.admin.ui.UiFilter;
import io.dispatchapy.admin.ui.UiSession;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Requires admin credentials on every {@code /admin/api/} request (matched or not): HTTP Basic, or the admin UI session
 * cookie; with the cookie, a state-changing call must also send the session's CSRF token in {@value #CSRF_HEADER}.
 */
public class AdminAuthFilter {
    static final String PREFIX = "/admin/api/";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final AdminAuth auth;
    private final SessionStore sessions;

    public AdminAuthFilter(AdminAuth auth, SessionStore sessions) {
        this.auth = auth;
        this.sessions = sessions;
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> requireAdmin(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!(path + "/").startsWith(PREFIX) || auth.acceptsBasic(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = request.getCookies().get(UiFilter.COOKIE);
        if (cookie == null) {
            return Uni.createFrom().item(unauthorized());
        }
        String method = request.getMethod();
        String csrf = request.getHeaderString(CSRF_HEADER);
        // the session lives in the database: look it up off the event loop
        return Uni.createFrom().item(() -> checkSession(cookie.getValue(), method, csrf))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Response checkSession(String cookie, String method, String csrf) {
        Optional<UiSession> session = sessions.find(cookie);
        if (session.isEmpty() || !session.get().admin()) {
            return unauthorized();
        }
        if (!SAFE_METHODS.contains(method) && !Form.tokenMatches(csrf, session.get().csrfToken())) {
            return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorDto("CSRF token missing or invalid (send the " + CSRF_HEADER + " header)"))
                    .build();
        }
        return null;
    }

    private static Response unauthorized() {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"dispatchapy\"")
                .type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorDto("Authentication required")).build();
    }
}
