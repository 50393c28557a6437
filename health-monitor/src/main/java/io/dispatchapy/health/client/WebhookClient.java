package io.dispatchapy.health.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.dispatchapy.model.http.OutboundDeniedException;
import io.dispatchapy.model.http.OutboundGuard;
import io.dispatchapy.model.http.OutboundHttp;

/** Posts an alert as JSON. Success is a 2xx answer only (the seed counted any answer); redirects are not followed. */
@ApplicationScoped
public class WebhookClient {

    private final HttpClient http = OutboundHttp.newClient(Duration.ofSeconds(5));
    private final ObjectMapper json;
    private final OutboundGuard guard;

    public WebhookClient(ObjectMapper json, OutboundGuard guard) {
        this.json = json;
        this.guard = guard;
    }

    /** Sends; throws {@link IOException} with the reason when the answer is not 2xx or none came. */
    public void post(String url, Map<String, String> headers, Object body) throws IOException, InterruptedException {
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IOException("Payload is not JSON: " + e.getMessage(), e);
        }
        URI target = URI.create(url);
        HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").header("User-Agent", "Dispatchapy-Alerts");
        try {
            guard.prepare(b, target, headers);
        } catch (OutboundDeniedException e) {
            throw new IOException(e.getMessage(), e);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() < 200 || r.statusCode() >= 300) {
            String excerpt = r.body() == null ? "" : r.body().substring(0, Math.min(200, r.body().length()));
            throw new IOException("HTTP " + r.statusCode() + " " + excerpt);
        }
    }
}
