package io.dispatchapy.gateway.service;

import java.io.IOException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dispatchapy.gateway.config.GatewayConfig;
import io.dispatchapy.model.mapping.EndpointPaths;
import io.dispatchapy.model.mapping.JsonPaths;
import io.dispatchapy.model.queue.InsertResult;
import io.dispatchapy.model.queue.NewTask;
import io.dispatchapy.model.queue.TaskQueue;
import io.dispatchapy.model.token.Tokens;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Validates one ingestion request and stores it as a task, in the seed's order: the body first, then the endpoint
 * (404), the token (401/403) and the required parameters (400). Nothing is stored on a refusal.
 */
@ApplicationScoped
public class IngestionService {
    private static final int TEXT_COLUMN_LIMIT = 500;

    private final RouteLookup routes;
    private final TaskQueue queue;
    private final ObjectMapper json;
    private final GatewayConfig config;
    private final MeterRegistry metrics;

    public IngestionService(RouteLookup routes, TaskQueue queue, ObjectMapper json, GatewayConfig config,
            MeterRegistry metrics) {
        this.routes = routes;
        this.queue = queue;
        this.json = json;
        this.config = config;
        this.metrics = metrics;
    }

    public Acceptance ingest(String rawPath, Optional<String> token, Optional<String> idempotencyKey, byte[] body) {
        ObjectNode payload = parse(body);
        String path = EndpointPaths.normalize(rawPath);
        idempotencyKey.ifPresent(IngestionService::checkKey);
        Route route = routes.find(path, token.map(Tokens::hash).orElse(""))
                .orElseThrow(() -> new ApiError(404, "Endpoint not found"));
        if (token.isEmpty()) {
            throw new ApiError(401, "API token is missing");
        }
        if (route.clientId() == null || !route.linked()) {
            throw new ApiError(403, "Invalid API token for this endpoint");
        }
        for (String key : route.requiredParams()) {
            if (!payload.has(key)) {
                throw new ApiError(400, "Missing required parameter: " + key);
            }
        }
        String canonical = payload.toString();
        if (canonical.contains("\\u0000")) {
            throw new ApiError(422, "Request body contains a NUL character (\\u0000), which cannot be stored");
        }
        boolean held = route.clientHoldsTasks() || route.holdTasks();
        String hash = idempotencyKey.map(k -> Tokens.hash(canonical)).orElse(null);
        InsertResult stored = queue.insert(new NewTask(route.clientId(), route.clientName(), route.endpointId(),
                route.path(), text(payload, "ref"), text(payload, "scope"), canonical, held,
                idempotencyKey.orElse(null), hash));
        if (stored.replayed() && !stored.requestHash().equals(hash)) {
            throw new ApiError(422, "Idempotency-Key '" + idempotencyKey.get()
                    + "' was already used for a different request body (task " + stored.taskId() + ")");
        }
        if (!stored.replayed()) {
            metrics.counter("dispatchapy.tasks.accepted", "status", stored.acceptedAs()).increment();
        }
        return new Acceptance(stored.taskId(), stored.acceptedAs(), stored.replayed());
    }

    private ObjectNode parse(byte[] body) {
        if (body.length > config.maxBodyBytes()) {
            throw new ApiError(413,
                    "Request body is " + body.length + " bytes; the limit is " + config.maxBodyBytes() + " bytes");
        }
        if (body.length == 0) {
            throw new ApiError(422, "Request body must be a JSON object; it is empty");
        }
        JsonNode node;
        try {
            node = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(body);
        } catch (JacksonException e) {
            throw new ApiError(422, "Request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiError(422, "Request body could not be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ApiError(422, "Request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    private static void checkKey(String key) {
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f)) {
            throw new ApiError(400, "Idempotency-Key must be 1 to 255 printable ASCII characters");
        }
    }

    private static String text(ObjectNode payload, String key) {
        JsonNode v = payload.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = JsonPaths.text(v);
        return s.length() > TEXT_COLUMN_LIMIT ? s.substring(0, TEXT_COLUMN_LIMIT) : s;
    }
}
