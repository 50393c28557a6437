package io.dispatchapy.model.health;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.dispatchapy.model.http.OutboundDeniedException;
import io.dispatchapy.model.http.OutboundGuard;
import io.dispatchapy.model.http.OutboundHttp;

/**
 * Runs one active check: {@code tcp} connects to host:port (the seed's "simple"), {@code http} GETs the check URL,
 * {@code post} POSTs the templated test values (the seed's "actual"). HTTP checks are healthy on 2xx only and never
 * follow redirects. Nothing here throws: every failure is a result.
 */
@ApplicationScoped
public class ResourceProber {
    static final Duration TCP_TIMEOUT = Duration.ofSeconds(3);
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    private static final int EXCERPT = 500;

    private final HttpClient http = OutboundHttp.newClient(Duration.ofSeconds(5));
    private final ObjectMapper json;
    private final OutboundGuard guard;

    public ResourceProber(ObjectMapper json, OutboundGuard guard) {
        this.json = json;
        this.guard = guard;
    }

    public ProbeResult probe(CheckTarget target) {
        long start = System.nanoTime();
        try {
            return switch (target.method()) {
            case "http" -> http(target, start);
            case "post" -> post(target, start);
            default -> tcp(target, start);
            };
        } catch (OutboundDeniedException e) {
            return new ProbeResult(false, null, elapsed(start), e.getMessage());
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return new ProbeResult(false, null, elapsed(start), "invalid check: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProbeResult(false, null, elapsed(start), "interrupted");
        }
    }

    private ProbeResult tcp(CheckTarget t, long start) {
        URI uri = URI.create(t.probeUrl());
        if (uri.getHost() == null) {
            return new ProbeResult(false, null, elapsed(start), "invalid URL");
        }
        guard.check(uri);
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), port), (int) TCP_TIMEOUT.toMillis());
            return new ProbeResult(true, null, elapsed(start), "tcp:" + uri.getHost() + ":" + port + ":connected");
        } catch (IOException e) {
            return new ProbeResult(false, null, elapsed(start), "tcp_error: " + message(e));
        }
    }

    private ProbeResult http(CheckTarget t, long start) throws InterruptedException {
        URI target = URI.create(t.probeUrl());
        return send(guard.prepare(HttpRequest.newBuilder(target).GET(), target, t.headers()), start);
    }

    private ProbeResult post(CheckTarget t, long start) throws InterruptedException, JsonProcessingException {
        Map<String, String> vars = Map.of("datetime", Instant.now().truncatedTo(ChronoUnit.MICROS).toString(),
                "resource_name", t.name(), "resource_endpoint", t.url());
        Object body = Placeholders.expandTestValues(t.testValues(), vars, t.testValues());
        URI target = URI.create(t.probeUrl());
        HttpRequest.Builder b = HttpRequest.newBuilder(target)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        return send(guard.prepare(b, target, t.headers()), start);
    }

    private ProbeResult send(HttpRequest.Builder b, long start) throws InterruptedException {
        try {
            HttpResponse<InputStream> r = http.send(
                    b.timeout(HTTP_TIMEOUT).header("User-Agent", "Dispatchapy-Health").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            String excerpt;
            try (InputStream in = r.body()) {
                excerpt = new String(in.readNBytes(EXCERPT), StandardCharsets.UTF_8);
            }
            boolean ok = r.statusCode() >= 200 && r.statusCode() < 300;
            return new ProbeResult(ok, r.statusCode(), elapsed(start), excerpt);
        } catch (IOException e) {
            return new ProbeResult(false, null, elapsed(start), e.getClass().getSimpleName() + ": " + message(e));
        }
    }

    private static int elapsed(long start) {
        return (int) ((System.nanoTime() - start) / 1_000_000);
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
