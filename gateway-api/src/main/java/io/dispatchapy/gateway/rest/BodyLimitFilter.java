package io.dispatchapy.gateway.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.dispatchapy.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses an ingestion request whose {@code Content-Length} is over {@code dispatchapy.gateway.max-body-bytes} before a
 * byte of the body is read, with a JSON 413. It runs ahead of Quarkus' own hard limit
 * ({@code quarkus.http.limits.max-body-size}), which would answer an empty 413. Bodies without a length (chunked) are
 * counted while the resource reads them.
 */
@ApplicationScoped
public class BodyLimitFilter {
    /** Quarkus enforces its body limit at order -2; this must come first. */
    private static final int ORDER = -3;

    private final GatewayConfig config;

    public BodyLimitFilter(GatewayConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        router.route(HttpMethod.POST, "/api/*").order(ORDER).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = -1; // the HTTP layer refuses a malformed length itself
        }
        if (declared <= config.maxBodyBytes()) {
            ctx.next();
            return;
        }
        String detail = "Request body is " + declared + " bytes; the limit is " + config.maxBodyBytes() + " bytes";
        ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close").end(new JsonObject().put("detail", detail).encode());
    }
}
