package io.dispatchapy.worker.client;

import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dispatchapy.model.http.OutboundDeniedException;
import io.dispatchapy.model.http.OutboundGuard;
import io.dispatchapy.model.mapping.JsonPaths;
import io.dispatchapy.worker.config.WorkerConfig;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Sends one task to one provider and classifies the outcome. Success is a 2xx answer only: redirects are not followed
 * (a 3xx is a failure, so a POST never turns into a GET), and timeouts, refused or reset connections, DNS and TLS
 * errors are failures without a status code. The resource's timeout bounds the whole call, connecting included.
 * <p>
 * Calls go through the application's Vert.x HTTP client (HTTP/1.1, kept-alive connections, one per delivery in flight
 * to a provider at most); the delivery thread waits for the outcome. The JDK's {@code HttpClient} cost about three
 * times the CPU per call (its internal hand-offs between threads), which on a small machine was a fifth of the worker's
 * CPU (docs/performance.md, change o).
 */
@ApplicationScoped
public class ProviderClient {
    private static final int EXCERPT_BYTES = 2048;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final HttpClient http;
    private final OutboundGuard guard;

    public ProviderClient(Vertx vertx, OutboundGuard guard, WorkerConfig config) {
        this.vertx = vertx;
        this.guard = guard;
        this.http = vertx.createHttpClient(
                new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1).setKeepAlive(true)
                        .setKeepAliveTimeout(30).setConnectTimeout((int) CONNECT_TIMEOUT.toMillis()).setVerifyHost(true)
                        .setForceSni(true).setDecompressionSupported(false).setName("dispatch-deliveries"),
                new PoolOptions().setHttp1MaxSize(Math.max(1, config.concurrency())));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    public ProviderResponse send(ProviderRequest request) {
        RequestOptions options;
        Buffer body;
        try {
            URI target = target(request.url());
            boolean form = "form".equals(request.bodyFormat());
            body = Buffer.buffer(form ? formEncode(request.body()) : request.body().toString(), "UTF-8");
            options = new RequestOptions().setMethod(HttpMethod.valueOf(method(request.method())))
                    .setAbsoluteURI(request.url().trim()).setFollowRedirects(false)
                    .setConnectTimeout(Math.min(CONNECT_TIMEOUT.toMillis(), request.timeout().toMillis()))
                    .setIdleTimeout(request.timeout().toMillis());
            MultiMap headers = HttpHeaders.headers()
                    .set("Content-Type", form ? "application/x-www-form-urlencoded" : "application/json")
                    .set("User-Agent", "Dispatchapy");
            guard.headersFor(target, request.headers()).forEach(headers::set); // replaces a default
            // after the configured headers, so configuration cannot replace the task's stable key
            headers.set("Idempotency-Key", request.idempotencyKey());
            options.setHeaders(headers);
        } catch (IllegalArgumentException e) {
            return failure("Invalid request: " + e.getMessage());
        } catch (OutboundDeniedException e) {
            return failure(e.getMessage());
        }
        Call call = new Call();
        // Started on an event-loop context (this thread's own, see Vertx#getOrCreateContext), so that every step below
        // runs on that context's thread in order: the response handlers are set before any of its body is read.
        // Started from this thread instead, the answer could be read to its end before they were set.
        vertx.getOrCreateContext()
                .runOnContext(v -> http.request(options).onSuccess(call::sending).compose(req -> req.send(body))
                        .onSuccess(call::answered).onFailure(call.outcome::completeExceptionally));
        try {
            return call.outcome.get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.abandon();
            return failure("Timed out after " + request.timeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            return failure(e.getCause(), request.timeout());
        } catch (InterruptedException e) {
            call.abandon();
            Thread.currentThread().interrupt();
            return failure("Interrupted");
        }
    }

    /** One call in flight: its outcome, and its request, so that a call given up on is reset, not left running. */
    private static final class Call {
        final CompletableFuture<ProviderResponse> outcome = new CompletableFuture<>();
        private volatile HttpClientRequest request;
        private final Buffer excerpt = Buffer.buffer();

        void sending(HttpClientRequest req) {
            request = req;
            if (outcome.isDone()) { // given up on before it had a connection
                req.reset();
            }
        }

        void answered(HttpClientResponse response) {
            try {
                response.exceptionHandler(outcome::completeExceptionally);
                response.handler(chunk -> {
                    int room = EXCERPT_BYTES - excerpt.length();
                    if (room > 0) {
                        excerpt.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
                    }
                    if (excerpt.length() >= EXCERPT_BYTES && outcome.complete(classify(response, excerpt))) {
                        request.reset(); // the rest of a long answer is not read (the connection is closed)
                    }
                });
                response.endHandler(v -> outcome.complete(classify(response, excerpt)));
            } catch (IllegalStateException ended) {
                // The answer was read to its end before the handlers were set (should not happen on the context,
                // see send): its status still decides, without a body excerpt, rather than waiting for the timeout.
                outcome.complete(classify(response, excerpt));
            }
        }

        void abandon() {
            outcome.cancel(false);
            HttpClientRequest req = request;
            if (req != null) {
                req.reset();
            }
        }
    }

    private static URI target(String url) {
        URI uri = URI.create(url.trim());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("unsupported URI " + url);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in URI " + url);
        }
        return uri;
    }

    private static String method(String method) {
        if (method == null || method.isEmpty() || !method.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("invalid method \"" + method + "\"");
        }
        return method;
    }

    private static ProviderResponse classify(HttpClientResponse response, Buffer excerptBytes) {
        String excerpt = excerptBytes.toString(StandardCharsets.UTF_8);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new ProviderResponse(true, status, excerpt, Optional.empty());
        }
        String location = response.getHeader("Location");
        String detail = status >= 300 && status < 400
                ? "Redirect not followed (Location: " + (location == null ? "-" : location) + ")" : excerpt;
        String retryAfter = response.getHeader("Retry-After");
        Optional<Duration> wait = (status == 429 || status == 503) && retryAfter != null ? parseRetryAfter(retryAfter)
                : Optional.empty();
        return new ProviderResponse(false, status, detail, wait);
    }

    /** A call that ended without an answer, by its cause. */
    private static ProviderResponse failure(Throwable error, Duration timeout) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectTimeoutException) { // before ConnectException, which it extends
                return failure("Connect timed out");
            }
            if (t instanceof TimeoutException) {
                return failure("Timed out after " + timeout.toMillis() + " ms");
            }
            if (t instanceof ConnectException) {
                return failure("Connection refused or unreachable: " + message(t));
            }
            if (t instanceof UnknownHostException) {
                return failure("Unknown host (DNS): " + message(t));
            }
            if (t instanceof SSLException) {
                return failure("TLS error: " + message(t));
            }
        }
        if (error instanceof HttpClosedException) {
            return failure("I/O error: the provider closed the connection without an answer");
        }
        return failure("I/O error: " + message(error));
    }

    /** {@code Retry-After} as seconds or as an HTTP date. */
    static Optional<Duration> parseRetryAfter(String value) {
        String v = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException ex) {
                return Optional.empty();
            }
        }
    }

    /** Top-level keys as form fields; objects and arrays as their JSON text. */
    static String formEncode(ObjectNode body) {
        StringBuilder sb = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(JsonPaths.text(e.getValue()), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static ProviderResponse failure(String detail) {
        return new ProviderResponse(false, null, detail, Optional.empty());
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
