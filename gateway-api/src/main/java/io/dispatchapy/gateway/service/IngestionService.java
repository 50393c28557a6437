package io.dispatchapy.gateway.service;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dispatchapy.model.mapping.EndpointPaths;
import io.dispatchapy.model.mapping.JsonPaths;
import io.dispatchapy.model.queue.InsertResult;
import io.dispatchapy.model.queue.NewTask;
import io.dispatchapy.model.token.Tokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Validates one ingestion request and stores it as a task, in the seed's order: the body first, then the endpoint
 * (404), the token (401/403), the client's rate limit (429) and the required parameters (400). Nothing is stored on a
 * refusal.
 */
@ApplicationScoped
public class IngestionService {
    private static final int TEXT_COLUMN_LIMIT = 500;

    private final RouteCache routes;
    private final TaskInserter inserter;
    private final JsonBodyReader bodies;
    private final RateLimiter rateLimiter;
    private final Counter acceptedQueued;
    private final Counter acceptedHeld;
    private final IngestionSlots slots;

    public IngestionService(RouteCache routes, TaskInserter inserter, JsonBodyReader bodies, RateLimiter rateLimiter,
            MeterRegistry metrics, IngestionSlots slots) {
        this.slots = slots;
        this.routes = routes;
        this.inserter = inserter;
        this.bodies = bodies;
        this.rateLimiter = rateLimiter;
        // looked up once: a registry lookup builds tags and an id for every request
        this.acceptedQueued = metrics.counter("dispatchapy.tasks.accepted", "status", "queued");
        this.acceptedHeld = metrics.counter("dispatchapy.tasks.accepted", "status", "held");
    }

    /** A request that passed every check, ready to be stored. */
    public record Checked(NewTask task, Optional<String> idempotencyKey, String requestHash) {
    }

    /**
     * Checks and stores a request, waiting for the commit (with {@code database-slots} on, within a slot): for a thread
     * that may block.
     */
    public Acceptance ingest(String rawPath, Optional<String> token, Optional<String> idempotencyKey, byte[] body) {
        Checked checked = check(rawPath, token, idempotencyKey, body, true);
        return accepted(checked, slots.run(() -> inserter.insert(checked.task())));
    }

    /**
     * Checks a request on a thread that must not block: empty when that needs the database (the caller's route is not
     * cached), so the caller runs {@link #check} where it may block.
     *
     * @throws ApiError
     *             for a refusal found without the database
     */
    public Optional<Checked> checkWithoutBlocking(String rawPath, Optional<String> token,
            Optional<String> idempotencyKey, byte[] body) {
        return Optional.ofNullable(check(rawPath, token, idempotencyKey, body, false));
    }

    /** Checks a request, looking its route up in the database when it is not cached. */
    public Checked check(String rawPath, Optional<String> token, Optional<String> idempotencyKey, byte[] body) {
        return check(rawPath, token, idempotencyKey, body, true);
    }

    /**
     * Stores a checked request without waiting: completes once it is committed, on the writer's thread, or fails with
     * the refusal (422 for an Idempotency-Key used for another body) or the database error. Not for use with
     * {@code database-slots} on ({@link #boundsDatabaseUse()}): use {@link #ingest} then.
     */
    public CompletableFuture<Acceptance> store(Checked checked) {
        return inserter.insertAsync(checked.task()).thenApply(stored -> accepted(checked, stored));
    }

    /** Whether requests must wait for a database slot ({@code database-slots} on), which only {@link #ingest} does. */
    public boolean boundsDatabaseUse() {
        return slots.bounded();
    }

    /** @return null when {@code mayBlock} is false and the route is not known without the database */
    private Checked check(String rawPath, Optional<String> token, Optional<String> idempotencyKey, byte[] body,
            boolean mayBlock) {
        ObjectNode payload = bodies.read(body);
        // normalising trims control characters: a path that has any names no endpoint, not a trimmed one
        if (rawPath.chars().anyMatch(Character::isISOControl)) {
            throw new ApiError(404, "Endpoint not found");
        }
        String path = EndpointPaths.normalize(rawPath);
        idempotencyKey.ifPresent(IngestionService::checkKey);
        String tokenHash = token.map(Tokens::hash).orElse("");
        Optional<Route> found = mayBlock ? slots.run(() -> routes.find(path, tokenHash))
                : routes.cached(path, tokenHash);
        if (found.isEmpty() && !mayBlock) {
            return null;
        }
        Route route = found.orElseThrow(() -> new ApiError(404, "Endpoint not found"));
        if (token.isEmpty()) {
            throw new ApiError(401, "API token is missing");
        }
        if (route.clientId() == null || !route.linked()) {
            throw new ApiError(403, "Invalid API token for this endpoint");
        }
        // after authentication, so nobody else can drain a client's bucket; replays count too
        rateLimiter.admit(route.clientId(), route.rateLimitPerSecond(), route.rateLimitBurst());
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
        NewTask task = new NewTask(route.clientId(), route.clientName(), route.endpointId(), route.path(),
                text(payload, "ref"), text(payload, "scope"), canonical, held, idempotencyKey.orElse(null), hash);
        return new Checked(task, idempotencyKey, hash);
    }

    private Acceptance accepted(Checked checked, InsertResult stored) {
        if (stored.replayed() && !stored.requestHash().equals(checked.requestHash())) {
            throw new ApiError(422, "Idempotency-Key '" + checked.idempotencyKey().orElse("")
                    + "' was already used for a different request body (task " + stored.taskId() + ")");
        }
        if (!stored.replayed()) {
            ("held".equals(stored.acceptedAs()) ? acceptedHeld : acceptedQueued).increment();
        }
        return new Acceptance(stored.taskId(), stored.acceptedAs(), stored.replayed());
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
