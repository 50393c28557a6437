package io.dispatchapy.admin.ui;

import java.net.URI;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards every class or method marked {@link UiAccess}: without a suitable session the browser is sent to
 * {@code /login} (303, so a POST becomes a GET). Runs after matching, on the endpoint's worker thread.
 */
public class UiFilter {
    public static final String COOKIE = "dpy_session";

    private final SessionStore store;
    private final CurrentSession current;

    public UiFilter(SessionStore store, CurrentSession current) {
        this.store = store;
        this.current = current;
    }

    @ServerRequestFilter
    public Optional<Response> guard(ContainerRequestContext ctx, ResourceInfo info) {
        UiAccess access = access(info);
        if (access == null) {
            return Optional.empty();
        }
        Cookie cookie = ctx.getCookies().get(COOKIE);
        Optional<UiSession> session = cookie == null ? Optional.empty() : store.find(cookie.getValue());
        if (session.isPresent() && (access.value() == UiAccess.Role.ANY || session.get().admin())) {
            current.set(session.get());
            return Optional.empty();
        }
        return Optional.of(Response.seeOther(URI.create("/login")).header("Cache-Control", "no-store").build());
    }

    private static UiAccess access(ResourceInfo info) {
        if (info == null || info.getResourceMethod() == null) {
            return null;
        }
        UiAccess onMethod = info.getResourceMethod().getAnnotation(UiAccess.class);
        return onMethod != null ? onMethod : info.getResourceClass().getAnnotation(UiAccess.class);
    }
}
