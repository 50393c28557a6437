package io.dispatchapy.admin.ui;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

import io.vertx.core.http.HttpServerRequest;

/**
 * The cookies of the UI: the session cookie (HttpOnly, SameSite=Lax, Secure on HTTPS) and the sign-in form's CSRF
 * cookie (HttpOnly, SameSite=Strict, scoped to the sign-in paths).
 * <p>
 * Lax, not Strict, for the session: a link from an alert e-mail or a chat into a task page should open signed in; Lax
 * still withholds the cookie from cross-site POSTs, and every state change is a POST that must also carry the session's
 * CSRF token. HTTPS is the request's scheme, which reflects {@code X-Forwarded-Proto} only when Quarkus is configured
 * to trust the proxy ({@code quarkus.http.proxy.proxy-address-forwarding=true}); {@code dispatchapy.ui.secure-cookies}
 * forces the flag.
 */
@ApplicationScoped
public class SessionCookies {
    public static final String LOGIN_CSRF = "dpy_login_csrf";

    private final UiConfig config;

    public SessionCookies(UiConfig config) {
        this.config = config;
    }

    public NewCookie session(String raw, HttpServerRequest request) {
        return base(UiFilter.COOKIE, raw, request).path("/").sameSite(NewCookie.SameSite.LAX).build();
    }

    /** Replaces the session cookie with an expired empty one. */
    public NewCookie clearedSession(HttpServerRequest request) {
        return base(UiFilter.COOKIE, "", request).path("/").sameSite(NewCookie.SameSite.LAX).maxAge(0).build();
    }

    /** The double-submit token of the sign-in forms (there is no session yet to hold it). */
    public NewCookie loginCsrf(String token, HttpServerRequest request) {
        return base(LOGIN_CSRF, token, request).path("/").sameSite(NewCookie.SameSite.STRICT).maxAge(3600).build();
    }

    public boolean secure(HttpServerRequest request) {
        return config.secureCookies() || request != null && "https".equalsIgnoreCase(request.scheme());
    }

    private NewCookie.Builder base(String name, String value, HttpServerRequest request) {
        return new NewCookie.Builder(name).value(value).httpOnly(true).secure(secure(request));
    }
}
