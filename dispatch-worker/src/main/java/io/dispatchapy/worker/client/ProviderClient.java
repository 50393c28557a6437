package io.dispatchapy.worker.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dispatchapy.model.http.OutboundDeniedException;
import io.dispatchapy.model.http.OutboundGuard;
import io.dispatchapy.model.http.OutboundHttp;
import io.dispatchapy.model.mapping.JsonPaths;

/**
 * Sends one task to one provider and classifies the outcome. Success is a 2xx answer only: redirects are not followed
 * (a 3xx is a failure, so a POST never turns into a GET), and timeouts, refused or reset connections, DNS and TLS
 * errors are failures without a status code.
 */
@ApplicationScoped
public class ProviderClient {
    private static final int EXCERPT_BYTES = 2048;
    /** Headers the HTTP client sets itself and refuses to take from configuration. */

    private final HttpClient http = OutboundHttp.newDirectClient(Duration.ofSeconds(10));
    private final OutboundGuard guard;

    public ProviderClient(OutboundGuard guard) {
        this.guard = guard;
    }

    public ProviderResponse send(ProviderRequest request) {
        HttpRequest httpRequest;
        try {
            httpRequest = build(request);
        } catch (IllegalArgumentException e) {
            return failure("Invalid request: " + e.getMessage());
        } catch (OutboundDeniedException e) {
            return failure(e.getMessage());
        }
        try {
            HttpResponse<InputStream> response = http.send(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
            return classify(response);
        } catch (HttpConnectTimeoutException e) {
            return failure("Connect timed out");
        } catch (HttpTimeoutException e) {
            return failure("Timed out after " + request.timeout().toMillis() + " ms");
        } catch (ConnectException e) {
            return failure("Connection refused or unreachable: " + message(e));
        } catch (UnknownHostException e) {
            return failure("Unknown host (DNS): " + message(e));
        } catch (SSLException e) {
            return failure("TLS error: " + message(e));
        } catch (IOException e) {
            return failure("I/O error: " + message(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure("Interrupted");
        }
    }

    private HttpRequest build(ProviderRequest r) {
        boolean form = "form".equals(r.bodyFormat());
        String body = form ? formEncode(r.body()) : r.body().toString();
        URI target = URI.create(r.url());
        HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(r.timeout())
                .method(r.method(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", form ? "application/x-www-form-urlencoded" : "application/json")
                .header("User-Agent", "Dispatchapy");
        guard.prepare(b, target, r.headers());
        // after the configured headers, so configuration cannot replace the task's stable key
        b.setHeader("Idempotency-Key", r.idempotencyKey());
        return b.build();
    }

    private static ProviderResponse classify(HttpResponse<InputStream> response) throws IOException {
        String excerpt;
        try (InputStream in = response.body()) {
            excerpt = new String(in.readNBytes(EXCERPT_BYTES), StandardCharsets.UTF_8);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new ProviderResponse(true, status, excerpt, Optional.empty());
        }
        String detail = status >= 300 && status < 400
                ? "Redirect not followed (Location: " + response.headers().firstValue("Location").orElse("-") + ")"
                : excerpt;
        Optional<Duration> retryAfter = status == 429 || status == 503
                ? response.headers().firstValue("Retry-After").flatMap(ProviderClient::parseRetryAfter)
                : Optional.empty();
        return new ProviderResponse(false, status, detail, retryAfter);
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

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
