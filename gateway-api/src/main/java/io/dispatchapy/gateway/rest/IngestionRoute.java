package io.dispatchapy.gateway.rest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.dispatchapy.gateway.config.GatewayConfig;
import io.dispatchapy.gateway.service.Acceptance;
import io.dispatchapy.gateway.service.ApiError;
import io.dispatchapy.gateway.service.IngestionService;
import io.dispatchapy.gateway.service.IngestionService.Checked;
import io.dispatchapy.gateway.service.RetryLater;
import io.dispatchapy.gateway.service.TokenHeaders;
import io.dispatchapy.model.queue.QueueException;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.logging.Log;
import io.smallrye.common.vertx.ContextLocals;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/{path}}: stores a task (the contract is in {@code META-INF/openapi.yaml}). It runs on the event loop
 * and never blocks it: the body is read there, up to {@code max-body-bytes} (a larger one gets a JSON 413 before the
 * rest is read, whether it declared its length or came chunked), the request is checked there when its route is cached,
 * and the task goes to the group commit, whose writer answers once the batch is committed. A request whose route is not
 * cached is checked on a worker thread (a database lookup), as is every request when {@code database-slots} bounds
 * ingestion.
 * <p>
 * It was a blocking JAX-RS method: each request took a worker thread, which waited for the body, then for the commit.
 * Those hand-offs between threads were a fifth of the gateway's CPU (docs/performance.md, change r).
 */
@ApplicationScoped
public class IngestionRoute {
    /** Ahead of Quarkus' own body limit (order -2) and of the JAX-RS routes. */
    private static final int ORDER = -3;
    private static final String PREFIX = "/api/";
    /** Where Quarkus' HTTP metrics look for the route's template (its {@code uri} tag). */
    private static final String URL_TEMPLATE = "UrlPathTemplate";

    private final IngestionService ingestion;
    private final GatewayConfig config;

    public IngestionRoute(IngestionService ingestion, GatewayConfig config) {
        this.ingestion = ingestion;
        this.config = config;
    }

    void install(@Observes Router router) {
        router.route(PREFIX + "*").order(ORDER).handler(this::route);
    }

    /**
     * POST stores a task; GET and HEAD of a task's status ({@code tasks/{id}}) go on to JAX-RS; any other method is a
     * 405 naming what the path takes (OPTIONS too: there is no CORS here, and JAX-RS would answer it with the methods
     * of another resource).
     */
    private void route(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (HttpMethod.POST.equals(method)) {
            handle(ctx);
            return;
        }
        boolean taskStatus = ctx.normalizedPath().startsWith(PREFIX + "tasks/");
        if (taskStatus && (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))) {
            ctx.next();
        } else if (taskStatus) {
            ctx.response().putHeader(HttpHeaders.ALLOW, "GET, HEAD");
            refuse(ctx, new ApiError(405,
                    "Method " + method.name() + " is not allowed here; read a task's status with GET"));
        } else {
            ctx.response().putHeader(HttpHeaders.ALLOW, "POST");
            refuse(ctx, new ApiError(405, "Method " + method.name() + " is not allowed here; send tasks with POST"));
        }
    }

    private void handle(RoutingContext ctx) {
        // one series for all paths in the HTTP metrics, as JAX-RS templates did: a path is the client's to choose
        ContextLocals.put(URL_TEMPLATE, PREFIX + "{path}");
        HttpServerRequest request = ctx.request();
        long limit = config.maxBodyBytes();
        long declared = declaredLength(request);
        if (declared > limit) {
            refuse(ctx, new ApiError(413, "Request body is " + declared + " bytes; the limit is " + limit + " bytes"));
            return;
        }
        if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            ctx.response().writeContinue();
        }
        Buffer body = Buffer.buffer(declared > 0 ? (int) declared : 256);
        boolean[] refused = { false };
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                refused[0] = true;
                refuse(ctx, new ApiError(413, "Request body is larger than the limit of " + limit + " bytes"));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(e -> {
            if (!refused[0]) {
                refused[0] = true;
                refuse(ctx, new ApiError(400, "Request body could not be read: " + e.getMessage()));
            }
        });
        request.endHandler(v -> {
            if (!refused[0]) {
                ingest(ctx, body.getBytes());
            }
        });
        request.resume();
    }

    private void ingest(RoutingContext ctx, byte[] body) {
        HttpServerRequest request = ctx.request();
        String path = decode(ctx.normalizedPath().substring(PREFIX.length()));
        Optional<String> token = TokenHeaders.find(name -> header(request, name));
        Optional<String> key = Optional.ofNullable(header(request, "Idempotency-Key"));
        Context context = Vertx.currentContext();
        if (!ingestion.boundsDatabaseUse()) {
            Optional<Checked> checked;
            try {
                checked = ingestion.checkWithoutBlocking(path, token, key, body);
            } catch (RuntimeException e) {
                refuse(ctx, e);
                return;
            }
            if (checked.isPresent()) {
                store(ctx, context, checked.get());
                return;
            }
        }
        ctx.vertx().executeBlocking(() -> {
            if (ingestion.boundsDatabaseUse()) {
                return ingestion.ingest(path, token, key, body);
            }
            store(ctx, context, ingestion.check(path, token, key, body));
            return null;
        }, false).onComplete(done -> {
            if (done.failed()) {
                refuse(ctx, done.cause());
            } else if (done.result() != null) {
                accept(ctx, done.result());
            }
        });
    }

    private void store(RoutingContext ctx, Context context, Checked checked) {
        ingestion.store(checked).whenComplete((accepted, error) -> context.runOnContext(v -> {
            if (error != null) {
                refuse(ctx, error);
            } else {
                accept(ctx, accepted);
            }
        }));
    }

    /** The seed's answer, in the seed's key order: {@code {"status": ..., "task_id": ...}}. */
    private static void accept(RoutingContext ctx, Acceptance a) {
        HttpServerResponse response = ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (a.replayed()) {
            response.putHeader("Idempotent-Replayed", "true");
        }
        response.end("{\"status\":\"" + a.status() + "\",\"task_id\":" + a.taskId() + "}");
    }

    /** Every refusal is JSON {@code {"detail": ...}}; a database outage is a 503 the client can retry. */
    private static void refuse(RoutingContext ctx, Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        int status;
        String detail;
        if (e instanceof ApiError api) {
            status = api.status();
            detail = api.detail();
            if (api instanceof RetryLater later) {
                response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(later.retryAfterSeconds()));
            }
            if (status == 413) { // the rest of an over-long body is not read: do not keep the connection
                response.putHeader(HttpHeaders.CONNECTION, "close");
            }
        } else if (e instanceof QueueException) {
            Log.warnf("Database error: %s (%s)", e.getMessage(), e.getCause() == null ? "" : e.getCause().getMessage());
            status = 503;
            detail = "The gateway cannot reach its database; retry later";
            response.putHeader(HttpHeaders.RETRY_AFTER, "5");
        } else {
            Log.errorf(e, "Ingestion failed");
            status = 500;
            detail = "Internal error";
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("detail", detail).encode()).onComplete(sent -> {
                    if (status == 413 && ctx.request().version() != HttpVersion.HTTP_2) {
                        ctx.request().connection().close(); // not waiting for a body nobody will read
                    }
                });
    }

    /** A header's values joined by commas, as JAX-RS reads it; null when absent. */
    private static String header(HttpServerRequest request, String name) {
        List<String> all = request.headers().getAll(name);
        return all.isEmpty() ? null : String.join(",", all);
    }

    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // the HTTP layer refuses a malformed length itself
        }
    }

    /** Percent-decodes a path (UTF-8) as JAX-RS decodes a path parameter: a {@code +} stays a plus sign. */
    static String decode(String rawPath) {
        return QueryStringDecoder.decodeComponent(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
