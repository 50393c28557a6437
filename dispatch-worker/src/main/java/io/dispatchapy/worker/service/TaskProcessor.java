package io.dispatchapy.worker.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dispatchapy.model.dev.DevOverrides;
import io.dispatchapy.model.mapping.PayloadBuilder;
import io.dispatchapy.model.queue.AttemptRecord;
import io.dispatchapy.model.queue.ClaimedTask;
import io.dispatchapy.model.queue.TaskQueue;
import io.dispatchapy.model.retry.Backoff;
import io.dispatchapy.model.settings.RuntimeSettings;
import io.dispatchapy.worker.client.ProviderClient;
import io.dispatchapy.worker.client.ProviderRequest;
import io.dispatchapy.worker.client.ProviderResponse;

/**
 * One pass of one claimed task: the endpoint's usable resources in order, the next one at once after a failure, until
 * one answers 2xx or the task's attempt budget (shared by all resources and passes) is spent. Then the task is
 * completed, failed, or rescheduled with backoff. Every write is fenced by the lease.
 */
@ApplicationScoped
public class TaskProcessor {
    private final TaskQueue queue;
    private final DeliveryPlanCache plans;
    private final BatchCompleter completer;
    private final FencedWrites writes;
    private final ProviderClient client;
    private final SettingsCache settings;
    private final DispatchMetrics metrics;
    private final ObjectMapper json;
    private final PassiveHealth passiveHealth;
    private final TaskAlertPolicy alerts;

    public TaskProcessor(TaskQueue queue, DeliveryPlanCache plans, BatchCompleter completer, FencedWrites writes,
            ProviderClient client, SettingsCache settings, DispatchMetrics metrics, ObjectMapper json,
            PassiveHealth passiveHealth, TaskAlertPolicy alerts) {
        this.completer = completer;
        this.writes = writes;
        this.passiveHealth = passiveHealth;
        this.alerts = alerts;
        this.queue = queue;
        this.plans = plans;
        this.client = client;
        this.settings = settings;
        this.metrics = metrics;
        this.json = json;
    }

    public void process(String worker, ClaimedTask task) {
        Optional<DeliveryPlan> plan = plans.get(task.endpointId(), task.clientId());
        if (plan.isEmpty()) {
            finishFailed(worker, task, "Endpoint '" + task.endpointPath() + "' no longer exists");
            return;
        }
        RuntimeSettings rs = settings.get();
        List<Target> targets = plan.get().usableTargets();
        if (targets.isEmpty()) {
            Duration delay = backoff(task, rs, Optional.empty());
            writes.run("reschedule task " + task.id(), () -> queue.reschedule(worker, task.id(), delay, null,
                    "No active resource is UP for this endpoint; next try in " + seconds(delay)));
            return;
        }
        ObjectNode original = parse(task.payloadJson());
        ObjectNode working = applyDevRules(task, plan.get(), original);
        deliver(worker, task, targets, original, working, rs);
    }

    private void deliver(String worker, ClaimedTask task, List<Target> targets, ObjectNode original, ObjectNode working,
            RuntimeSettings rs) {
        int attempts = task.attempts();
        List<Long> failedThisPass = new ArrayList<>();
        Target lastTried = null;
        String lastError = null;
        Optional<Duration> retryAfter = Optional.empty();
        for (Target target : targets) {
            if (attempts >= task.maxAttempts()) {
                break;
            }
            ObjectNode body = PayloadBuilder.build(working, original, target.mappings(), target.includeRaw(),
                    () -> UUID.randomUUID().toString());
            Instant started = Instant.now();
            ProviderResponse response = client.send(new ProviderRequest(target.url(), target.method(),
                    target.bodyFormat(), target.headers(), target.timeout(), body, String.valueOf(task.id())));
            int duration = (int) Duration.between(started, Instant.now()).toMillis();
            attempts++;
            metrics.attempt(target.name(), response.success());
            passiveHealth.record(target, response);
            AttemptRecord attempt = new AttemptRecord(target.id(), target.name(), started, duration, response.success(),
                    response.statusCode(), response.detail(), body.toString());
            if (response.success()) {
                // attempt, log line and final status in one commit, batched with other deliveries (fenced)
                if (writes.run("complete task " + task.id(), () -> completer.complete(worker, task.id(), attempt))) {
                    metrics.delivered(task.createdAt());
                    alerts.failedOver(task, failedThisPass, target.name());
                }
                return;
            }
            if (!writes.run("record an attempt of task " + task.id(),
                    () -> queue.recordAttempt(worker, task.id(), attempt))) {
                return; // the lease was lost; whoever holds the task now decides
            }
            lastTried = target;
            failedThisPass.add(target.id());
            lastError = target.name() + ": "
                    + (response.statusCode() == null ? "" : "HTTP " + response.statusCode() + " ")
                    + (response.detail() == null ? "" : response.detail());
            retryAfter = later(retryAfter, response.retryAfter());
        }
        if (attempts >= task.maxAttempts()) {
            String error = "Max attempts reached (" + attempts + "/" + task.maxAttempts() + "). Last error: "
                    + (lastError == null ? "none" : lastError);
            if (finishFailed(worker, task, error) && lastTried != null) {
                alerts.failed(task, lastTried.id(), error);
            }
        } else {
            Duration delay = backoff(task, rs, retryAfter);
            String error = lastError;
            writes.run("reschedule task " + task.id(), () -> queue.reschedule(worker, task.id(), delay, error,
                    "All resources failed in this pass; next pass in " + seconds(delay)));
        }
    }

    private ObjectNode applyDevRules(ClaimedTask task, DeliveryPlan plan, ObjectNode original) {
        Map<String, String> clientOnly = DevOverrides.compute(original, plan.clientRules(), List.of());
        Map<String, String> endpointOnly = DevOverrides.compute(original, List.of(), plan.endpointRules());
        if (!clientOnly.isEmpty()) {
            queue.addEvent(task.id(), "CLIENT DEV: Applying client-level overrides: " + clientOnly);
        }
        if (!endpointOnly.isEmpty()) {
            queue.addEvent(task.id(), "ENDPOINT DEV: Applying endpoint-level overrides: " + endpointOnly);
        }
        Map<String, String> merged = new LinkedHashMap<>(clientOnly);
        merged.putAll(endpointOnly); // endpoint rules win over client rules on the same key
        return DevOverrides.apply(original, merged);
    }

    private boolean finishFailed(String worker, ClaimedTask task, String error) {
        if (writes.run("fail task " + task.id(), () -> queue.fail(worker, task.id(), error))) {
            metrics.failed();
            return true;
        }
        return false;
    }

    private static Duration backoff(ClaimedTask task, RuntimeSettings rs, Optional<Duration> retryAfter) {
        return Backoff.delay(task.passes() + 1, rs.retryDelayMinSeconds(), rs.retryDelayMaxSeconds(), retryAfter,
                ThreadLocalRandom.current());
    }

    private static Optional<Duration> later(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().compareTo(a.get()) > 0 ? b : a;
    }

    private ObjectNode parse(String payload) {
        try {
            return (ObjectNode) json.readTree(payload);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("Stored payload is not a JSON object", e);
        }
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
