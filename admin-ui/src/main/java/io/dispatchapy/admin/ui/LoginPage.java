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
import jakarta.ws.rs.core.Response;

import io.dispatchapy.admin.service.AdminAuth;
import io.quarkus.logging.Log;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;

/**
 * Sign-in of admins (password) and clients (token), and sign-out. The sign-in forms carry a CSRF token matched against
 * a cookie (login CSRF: another site cannot sign a browser into an account of its choosing); failures are throttled per
 * address and in total by {@link LoginThrottle}; signing in always starts a new session.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LoginPage {
    private final AdminAuth adminAuth;
    private final PortalAccounts accounts;
    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final SessionCookies cookies;

    public LoginPage(AdminAuth adminAuth, PortalAccounts accounts, SessionStore sessions, LoginThrottle throttle,
            SessionCookies cookies) {
        this.adminAuth = adminAuth;
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
        this.cookies = cookies;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String tab, String error, String csrf);
    }

    @GET
    @Path("login")
    public Response form(@Context HttpServerRequest request) {
        return page(200, "admin", null, null, request);
    }

    @GET
    @Path("client/login")
    public Response clientForm() {
        return Response.seeOther(URI.create("/login")).build();
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(MultivaluedMap<String, String> form, @Context HttpServerRequest request,
            @CookieParam(UiFilter.COOKIE) String previous, @CookieParam(SessionCookies.LOGIN_CSRF) String csrf) {
        return signIn("admin", form, csrf, request, previous, () -> {
            String password = form.getFirst("password");
            return password != null && adminAuth.isPassword(password) ? Optional.of(-1L) : Optional.empty();
        });
    }

    @POST
    @Path("client/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response clientLogin(MultivaluedMap<String, String> form, @Context HttpServerRequest request,
            @CookieParam(UiFilter.COOKIE) String previous, @CookieParam(SessionCookies.LOGIN_CSRF) String csrf) {
        return signIn("client", form, csrf, request, previous, () -> accounts.clientIdForToken(form.getFirst("token")));
    }

    private interface Check {
        /** The client id (admins: any value) when the credentials are right. */
        Optional<Long> verify();
    }

    private Response signIn(String tab, MultivaluedMap<String, String> form, String csrfCookie,
            HttpServerRequest request, String previous, Check check) {
        if (!Form.tokenMatches(form.getFirst(Form.CSRF_FIELD), csrfCookie)) {
            return page(403, tab, "The sign-in form has expired or did not come from this site. Please try again.",
                    null, request);
        }
        String ip = LoginThrottle.ip(request);
        Optional<Duration> wait = throttle.blocked(ip);
        if (wait.isPresent()) {
            return withRetry(tab, wait.get(), csrfCookie, request);
        }
        Optional<Long> who = check.verify();
        if (who.isEmpty()) {
            throttle.failed(ip);
            Log.warnf("Failed %s login from %s", tab, ip);
            return page(401, tab, "admin".equals(tab) ? "Invalid password. Please try again." : "Invalid token.",
                    csrfCookie, request);
        }
        throttle.succeeded(ip);
        endPrevious(previous);
        String raw = "admin".equals(tab) ? sessions.create(UiSession.ADMIN, null)
                : sessions.create(UiSession.CLIENT, who.get());
        return Response.seeOther(URI.create("/")).cookie(cookies.session(raw, request)).build();
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(MultivaluedMap<String, String> form, @CookieParam(UiFilter.COOKIE) String cookie,
            @Context HttpServerRequest request) {
        Optional<UiSession> session = sessions.find(cookie);
        if (session.isPresent()) {
            Form.checked(form, session.get());
            sessions.delete(session.get().idHash());
        }
        return Response.seeOther(URI.create("/login")).cookie(cookies.clearedSession(request)).build();
    }

    private Response withRetry(String tab, Duration d, String csrf, HttpServerRequest request) {
        long minutes = Math.max(1, (d.getSeconds() + 59) / 60);
        return Response
                .fromResponse(page(429, tab,
                        "Too many failed sign-in attempts. Try again in " + minutes + " minute(s).", csrf, request))
                .header("Retry-After", Math.max(1, d.getSeconds())).build();
    }

    /** The sign-in page; keeps the browser's CSRF cookie when it has one, else starts a new one. */
    private Response page(int status, String tab, String error, String csrf, HttpServerRequest request) {
        boolean fresh = csrf == null || csrf.isBlank() || csrf.length() > 100;
        String token = fresh ? SessionStore.randomToken() : csrf;
        Response.ResponseBuilder r = Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.login(tab, error, token).render());
        return fresh ? r.cookie(cookies.loginCsrf(token, request)).build() : r.build();
    }

    /** Signing in again (say, as a client after an admin) ends the session the browser had. */
    private void endPrevious(String previous) {
        sessions.find(previous).ifPresent(s -> sessions.delete(s.idHash()));
    }
}
