package io.dispatchapy.model.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.dispatchapy.model.entity.AlertOutbox;
import io.dispatchapy.model.entity.HealthCheck;
import io.dispatchapy.model.entity.Resource;
import io.dispatchapy.model.entity.ResourceStatus;
import io.dispatchapy.model.entity.ResourceStatusChange;

/**
 * The single place where a resource's health changes. Each method is one transaction that locks the resource row, so
 * concurrent checks and deliveries from any number of processes see and write one consistent state; a status change,
 * its history row and its alerts (the outbox) commit together.
 */
@ApplicationScoped
public class HealthLedger {
    public static final String ACTIVE = "active check";
    public static final String PASSIVE = "passive";
    public static final String MANUAL = "manual";
    public static final String HALF_OPEN = "half-open";

    /**
     * Stores a check and applies the thresholds (consecutive failures to go DOWN, successes to go UP). A manual check
     * sets the status from its own result. Scheduled checks also plan the next one.
     */
    @Transactional
    public CheckOutcome recordCheck(long resourceId, String method, boolean manual, ProbeResult result) {
        Resource r = Resource.findById(resourceId, LockModeType.PESSIMISTIC_WRITE);
        if (r == null) {
            return new CheckOutcome(null, false, null);
        }
        HealthCheck check = new HealthCheck();
        check.resourceId = resourceId;
        check.method = method;
        check.trigger = manual ? "manual" : "scheduled";
        check.success = result.success();
        check.statusCode = result.statusCode();
        check.latencyMs = result.latencyMs();
        check.detail = result.detail();
        check.persist();
        if (result.success()) {
            r.consecutiveSuccesses++;
            r.consecutiveFailures = 0;
            r.passiveFailures = 0;
        } else {
            r.consecutiveFailures++;
            r.consecutiveSuccesses = 0;
        }
        String next = manual ? (result.success() ? ResourceStatus.UP : ResourceStatus.DOWN) : HealthRules.next(r.status,
                r.consecutiveFailures, r.consecutiveSuccesses, r.hcFailureThreshold, r.hcSuccessThreshold);
        r.lastCheckedAt = Instant.now();
        if (!manual) {
            r.nextCheckAt = Instant.now().plusSeconds(randomInterval(r));
        }
        boolean changed = !next.equals(r.status);
        if (changed) {
            List<String> queued = changeStatus(r, next, manual ? MANUAL : ACTIVE, describe(result), check.id);
            check.notificationStatus = queued.isEmpty() ? "no alert configured" : String.join(", ", queued);
        }
        return new CheckOutcome(r.status, changed, check.id);
    }

    /** Passive health: a delivery failure; past the threshold the resource goes DOWN at once. */
    @Transactional
    public boolean recordDeliveryFailure(long resourceId, String detail) {
        Resource r = Resource.findById(resourceId, LockModeType.PESSIMISTIC_WRITE);
        if (r == null) {
            return false;
        }
        r.passiveFailures++;
        if (ResourceStatus.UP.equals(r.status) && r.passiveFailures >= r.passiveThreshold) {
            String why = r.passiveFailures == r.passiveThreshold && halfOpenedLast(r)
                    ? "delivery failed again after the half-open retry; last: "
                    : r.passiveFailures + " consecutive delivery failures; last: ";
            changeStatus(r, ResourceStatus.DOWN, PASSIVE, why + detail, null);
            return true;
        }
        return false;
    }

    /**
     * Brings back, as half-open, a resource that went DOWN without active checks to bring it back: one more delivery
     * failure opens it again.
     */
    @Transactional
    public int halfOpen(Duration coolDown) {
        List<Resource> due = Resource.find(
                "status = ?1 and active = true and hcEnabled = false "
                        + "and (statusChangedAt is null or statusChangedAt < ?2)",
                ResourceStatus.DOWN, Instant.now().minus(coolDown)).withLock(LockModeType.PESSIMISTIC_WRITE)
                .page(0, 100).list();
        for (Resource r : due) {
            r.passiveFailures = Math.max(0, r.passiveThreshold - 1);
            changeStatus(r, ResourceStatus.UP, HALF_OPEN,
                    "retrying deliveries after " + coolDown.toSeconds() + " s without active checks", null);
        }
        return due.size();
    }

    private static boolean halfOpenedLast(Resource r) {
        ResourceStatusChange last = ResourceStatusChange.find("resourceId = ?1 order by createdAt desc, id desc", r.id)
                .firstResult();
        return last != null && HALF_OPEN.equals(last.reason);
    }

    private List<String> changeStatus(Resource r, String to, String reason, String detail, Long healthCheckId) {
        ResourceStatusChange change = new ResourceStatusChange();
        change.resourceId = r.id;
        change.fromStatus = r.status;
        change.toStatus = to;
        change.reason = reason;
        change.detail = detail;
        change.persist();
        r.status = to;
        r.statusChangedAt = Instant.now();
        r.consecutiveFailures = 0;
        r.consecutiveSuccesses = 0;
        if (ResourceStatus.UP.equals(to) && !HALF_OPEN.equals(reason)) {
            r.passiveFailures = 0;
        }
        return enqueueAlerts(r, change, healthCheckId);
    }

    private static List<String> enqueueAlerts(Resource r, ResourceStatusChange change, Long healthCheckId) {
        List<String> queued = new ArrayList<>();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", ResourceStatus.DOWN.equals(change.toStatus) ? "resource.down" : "resource.up");
        payload.put("resourceId", r.id);
        payload.put("resourceName", r.name);
        payload.put("resourceUrl", r.url);
        payload.put("status", change.toStatus);
        payload.put("previousStatus", change.fromStatus);
        payload.put("reason", change.reason);
        payload.put("detail", change.detail);
        payload.put("at", change.createdAt.toString());
        payload.put("healthCheckId", healthCheckId);
        String kind = ResourceStatus.DOWN.equals(change.toStatus) ? "resource_down" : "resource_up";
        if (r.emailEnabled && r.emailRecipients != null && !r.emailRecipients.isBlank()) {
            outbox(kind, "email", r.id, payload);
            queued.add("email queued");
        }
        if (r.webhookEnabled && r.webhookUrl != null && !r.webhookUrl.isBlank()) {
            outbox(kind, "webhook", r.id, payload);
            queued.add("webhook queued");
        }
        return queued;
    }

    private static void outbox(String kind, String channel, long resourceId, Map<String, Object> payload) {
        AlertOutbox row = new AlertOutbox();
        row.kind = kind;
        row.channel = channel;
        row.resourceId = resourceId;
        row.payload = payload;
        row.persist();
    }

    private static long randomInterval(Resource r) {
        int min = Math.max(1, r.hcIntervalMinSeconds);
        int max = Math.max(min, r.hcIntervalMaxSeconds);
        return ThreadLocalRandom.current().nextLong(min, max + 1L);
    }

    private static String describe(ProbeResult result) {
        String d = (result.statusCode() == null ? "" : "HTTP " + result.statusCode() + " ")
                + (result.detail() == null ? "" : result.detail());
        return d.length() > 500 ? d.substring(0, 500) : d;
    }
}
