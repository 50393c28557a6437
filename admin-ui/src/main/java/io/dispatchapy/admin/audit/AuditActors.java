package io.dispatchapy.admin.audit;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.admin.ui.CurrentSession;
import io.dispatchapy.admin.ui.UiSession;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is making the current change: the signed-in admin or client of a UI request, the admin of an admin API request
 * (HTTP Basic or the admin's session cookie; there is one admin account), or "system" outside any request (a command
 * line import). The address is the peer's, or the client's as reported by a proxy Quarkus is told to trust
 * ({@code quarkus.http.proxy.*}).
 */
@ApplicationScoped
public class AuditActors {
    static final String API_PREFIX = "/admin/api/";

    private final CurrentVertxRequest request;
    private final CurrentSession session;

    public AuditActors(CurrentVertxRequest request, CurrentSession session) {
        this.request = request;
        this.session = session;
    }

    public record Actor(String name, String source, String ip) {
        static final Actor SYSTEM = new Actor("system", "system", null);
    }

    public Actor current() {
        if (!Arc.container().requestContext().isActive()) {
            return Actor.SYSTEM;
        }
        RoutingContext rc = request.getCurrent();
        if (rc == null) {
            return Actor.SYSTEM;
        }
        HttpServerRequest http = rc.request();
        String source = http.path() != null && http.path().startsWith(API_PREFIX) ? "api" : "ui";
        String name = session.find().map(AuditActors::name).orElse("admin");
        return new Actor(name.length() > 200 ? name.substring(0, 200) : name, source, address(http.remoteAddress()));
    }

    private static String name(UiSession s) {
        return s.admin() ? "admin" : "client:" + s.clientName() + " (#" + s.clientId() + ")";
    }

    private static String address(SocketAddress a) {
        return a == null ? null : a.hostAddress();
    }
}
