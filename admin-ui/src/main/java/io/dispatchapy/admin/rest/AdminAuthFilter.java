package io.dispatchapy.admin.rest;

import java.time.Duration;
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
import io.dispatchapy.admin.ui.LoginThrottle;
import io.dispatchapy.admin.ui.SessionStore;
import io.dispatchapy.admin.ui.UiFilter;
import io.dispatchapy.admin.ui.UiSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;

/**
 * Requires admin credentials on every {@code /admin/api/} request (matched or not): HTTP Basic, or the admin UI session
 * cookie; with the cookie, a state-changing call must also send the session's CSRF token in {@value #CSRF_HEADER}. Any
 * {@code Authorization} header is judged as HTTP Basic (a session cookie does not rescue a wrong one), and failures
 * count in the shared {@link LoginThrottle}.
 */
public class AdminAuthFilter {
    static final String PREFIX = "/admin/api/";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final AdminAuth auth;
    private final SessionStore sessions;
    private final LoginThrottle throttle;

    public AdminAuthFilter(AdminAuth auth, SessionStore sessions, LoginThrottle throttle) {
        this.auth = auth;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> requireAdmin(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!(path + "/").startsWith(PREFIX)) {
            return Uni.createFrom().nullItem();
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            return Uni.createFrom().item(checkBasic(authorization, LoginThrottle.ip(http)));
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

    /**
     * HTTP Basic, throttled like the sign-in form: while the address (or everybody) has too many recent failures the
     * answer is 429 with {@code Retry-After}, even for the right password, so guessing cannot go on.
     */
    private Response checkBasic(String authorization, String ip) {
        Optional<Duration> wait = throttle.blocked(ip);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().getSeconds());
            return Response.status(429).header("Retry-After", seconds).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorDto("Too many failed authentication attempts; retry in " + seconds + " s"))
                    .build();
        }
        if (auth.acceptsBasic(authorization)) {
            throttle.succeeded(ip);
            return null;
        }
        throttle.failed(ip);
        Log.warnf("Failed admin API authentication from %s", ip);
        return unauthorized();
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
