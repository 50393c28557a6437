package io.dispatchapy.admin.ui;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.dispatchapy.admin.service.AdminAuth;
import io.quarkus.logging.Log;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;

/** Sign-in of admins (password) and clients (token), and sign-out. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LoginPage {
    private final AdminAuth adminAuth;
    private final PortalAccounts accounts;
    private final SessionStore sessions;
    private final LoginThrottle throttle;

    public LoginPage(AdminAuth adminAuth, PortalAccounts accounts, SessionStore sessions, LoginThrottle throttle) {
        this.adminAuth = adminAuth;
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String tab, String error);
    }

    @GET
    @Path("login")
    public TemplateInstance form() {
        return Templates.login("admin", null);
    }

    @GET
    @Path("client/login")
    public Response clientForm() {
        return Response.seeOther(URI.create("/login")).build();
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(MultivaluedMap<String, String> form, @Context HttpServerRequest request, @Context UriInfo uri,
            @CookieParam(UiFilter.COOKIE) String previous) {
        String ip = ip(request);
        Optional<Response> blocked = blocked(ip, "admin");
        if (blocked.isPresent()) {
            return blocked.get();
        }
        String password = form.getFirst("password");
        if (password == null || !adminAuth.isPassword(password)) {
            throttle.failed(ip);
            Log.warnf("Failed admin login from %s", ip);
            return page(401, "admin", "Invalid password. Please try again.");
        }
        throttle.succeeded(ip);
        endPrevious(previous);
        return signedIn(sessions.create(UiSession.ADMIN, null), uri);
    }

    @POST
    @Path("client/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response clientLogin(MultivaluedMap<String, String> form, @Context HttpServerRequest request,
            @Context UriInfo uri, @CookieParam(UiFilter.COOKIE) String previous) {
        String ip = ip(request);
        Optional<Response> blocked = blocked(ip, "client");
        if (blocked.isPresent()) {
            return blocked.get();
        }
        Optional<Long> clientId = accounts.clientIdForToken(form.getFirst("token"));
        if (clientId.isEmpty()) {
            throttle.failed(ip);
            Log.warnf("Failed client login from %s", ip);
            return page(401, "client", "Invalid token.");
        }
        throttle.succeeded(ip);
        endPrevious(previous);
        return signedIn(sessions.create(UiSession.CLIENT, clientId.get()), uri);
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(MultivaluedMap<String, String> form, @CookieParam(UiFilter.COOKIE) String cookie,
            @Context UriInfo uri) {
        Optional<UiSession> session = sessions.find(cookie);
        if (session.isPresent()) {
            Form.checked(form, session.get());
            sessions.delete(session.get().idHash());
        }
        NewCookie gone = cookie("", uri).maxAge(0).build();
        return Response.seeOther(URI.create("/login")).cookie(gone).build();
    }

    private Optional<Response> blocked(String ip, String tab) {
        Optional<Duration> wait = throttle.blocked(ip);
        return wait.map(d -> withRetry(tab, d));
    }

    private Response withRetry(String tab, Duration d) {
        long minutes = Math.max(1, (d.getSeconds() + 59) / 60);
        return Response.status(429).type(MediaType.TEXT_HTML_TYPE).header("Retry-After", Math.max(1, d.getSeconds()))
                .entity(Templates
                        .login(tab, "Too many failed sign-in attempts. Try again in " + minutes + " minute(s).")
                        .render())
                .build();
    }

    private static Response page(int status, String tab, String error) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(Templates.login(tab, error).render())
                .build();
    }

    /** Signing in again (say, as a client after an admin) ends the session the browser had. */
    private void endPrevious(String previous) {
        sessions.find(previous).ifPresent(s -> sessions.delete(s.idHash()));
    }

    private static Response signedIn(String raw, UriInfo uri) {
        return Response.seeOther(URI.create("/")).cookie(cookie(raw, uri).build()).build();
    }

    private static NewCookie.Builder cookie(String value, UriInfo uri) {
        boolean https = "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
        return new NewCookie.Builder(UiFilter.COOKIE).value(value).path("/").httpOnly(true).secure(https)
                .sameSite(NewCookie.SameSite.LAX);
    }

    private static String ip(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
