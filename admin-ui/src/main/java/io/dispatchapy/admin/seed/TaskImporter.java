package io.dispatchapy.admin.seed;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;

import io.dispatchapy.model.entity.Client;
import io.dispatchapy.model.entity.Endpoint;
import io.dispatchapy.model.entity.Resource;
import io.dispatchapy.model.entity.Task;
import io.dispatchapy.model.entity.TaskStatus;

/**
 * Imports the seed's task history ({@code --with-tasks}). Every imported task gets the event line
 * {@value #MARKER}{@code (task #N, ...)} first; that line is how a second run knows it is already here. Statuses:
 * {@code dev} becomes {@code held}; {@code processing} becomes {@code pending} (the original itself re-queued
 * processing tasks at restart); {@code pending} stays pending, so our workers deliver it as the original would have;
 * finished tasks ({@code success}, {@code failed}, {@code stopped}) are never sent again.
 */
@ApplicationScoped
class TaskImporter {
    static final String KIND = "tasks";
    static final String MARKER = "Imported from the original Dispatchapy ";
    private static final Pattern SEED_ID = Pattern.compile("^" + Pattern.quote(MARKER) + "\\(task #(\\d+)");

    private final EntityManager em;
    private final TaskHistoryImporter history;

    TaskImporter(EntityManager em, TaskHistoryImporter history) {
        this.em = em;
        this.history = history;
    }

    void run(ImportContext ctx, int defaultMaxAttempts) {
        ImportReport report = ctx.report;
        ImportReport.Count count = report.count(KIND);
        Set<Long> done = alreadyImported();
        TaskHistoryImporter.History seedHistory = history.read(ctx);
        Instant now = Instant.now();
        for (SeedRow row : ctx.seed.rows("tasks")) {
            count.inSeed++;
            if (done.contains(row.id())) {
                count.existing++;
                continue;
            }
            JsonNode payload = row.json("source_payload", report);
            if (payload == null || !payload.isObject()) {
                report.error(row, "task without a JSON object payload; not imported");
                count.skipped++;
                continue;
            }
            String seedStatus = row.str("status");
            Task t = new Task();
            t.status = status(row, seedStatus, report);
            t.acceptedAs = TaskStatus.HELD.equals(t.status) ? "held" : "queued";
            Client client = ctx.clients.get(row.lng("client_id"));
            Endpoint endpoint = ctx.endpoints.get(row.lng("endpoint_id"));
            Resource resource = ctx.resources.get(row.lng("resource_id"));
            t.clientId = client == null ? null : client.id;
            t.clientName = cut(row.str("client_name"), 200);
            t.endpointId = endpoint == null ? null : endpoint.id;
            t.endpointPath = row.str("endpoint_path") != null ? cut(row.str("endpoint_path"), 500)
                    : endpoint != null ? endpoint.path : "";
            t.ref = cut(row.str("ref_id"), 500);
            t.scope = cut(row.str("scope"), 500);
            t.payload = SeedRow.JSON.convertValue(payload, Map.class);
            JsonNode target = row.json("target_payload", report);
            t.targetPayload = target != null && target.isObject() ? SeedRow.JSON.convertValue(target, Map.class) : null;
            t.attempts = row.integer("retry_count") == null ? 0 : Math.max(0, row.integer("retry_count"));
            t.maxAttempts = row.integer("max_retries") == null ? defaultMaxAttempts
                    : Math.max(0, row.integer("max_retries"));
            t.resourceId = resource == null ? null : resource.id;
            t.resourceName = cut(row.str("resource_name"), 200);
            t.lastError = row.str("last_error");
            Instant created = row.time("created_at", report);
            Instant updated = row.time("updated_at", report);
            t.createdAt = created == null ? now : created;
            t.updatedAt = updated == null ? t.createdAt : updated;
            if (endpoint == null && List.of(TaskStatus.PENDING, TaskStatus.HELD).contains(t.status)) {
                report.warning(row, "unfinished task of endpoint " + row.lng("endpoint_id")
                        + ", which does not exist (it blocked the original's queue); imported as failed");
                t.status = TaskStatus.FAILED;
                t.lastError = "Its endpoint no longer existed when it was imported from the original Dispatchapy.";
            }
            t.runAt = TaskStatus.PENDING.equals(t.status) ? now : t.createdAt;
            t.finishedAt = List.of(TaskStatus.SUCCESS, TaskStatus.FAILED, TaskStatus.STOPPED).contains(t.status)
                    ? t.updatedAt : null;
            ctx.persist(t);
            count.created++;
            String marker = MARKER + "(task #" + row.id() + ", status " + seedStatus + ")"
                    + ("processing".equals(seedStatus) ? ": it was processing when the original stopped, so it is"
                            + " queued again, as the original did at restart" : "");
            history.write(ctx, t, row.id(), marker, seedHistory, now);
        }
        history.reportOrphans(ctx, seedHistory);
    }

    private Set<Long> alreadyImported() {
        Set<Long> ids = new HashSet<>();
        @SuppressWarnings("unchecked")
        List<String> messages = em.createNativeQuery("SELECT message FROM task_event WHERE message LIKE ?1")
                .setParameter(1, MARKER + "(task #%").getResultList();
        for (String m : messages) {
            Matcher matcher = SEED_ID.matcher(m);
            if (matcher.find()) {
                ids.add(Long.parseLong(matcher.group(1)));
            }
        }
        return ids;
    }

    private static String status(SeedRow row, String seedStatus, ImportReport report) {
        if (seedStatus == null) {
            report.warning(row, "task without a status; imported as pending");
            return TaskStatus.PENDING;
        }
        switch (seedStatus) {
        case "dev":
            return TaskStatus.HELD;
        case "processing":
            return TaskStatus.PENDING;
        case "pending", "success", "failed", "stopped":
            return seedStatus;
        default:
            report.warning(row, "unknown task status " + ImportContext.quote(seedStatus) + "; imported as failed");
            return TaskStatus.FAILED;
        }
    }

    /** Snapshots longer than our column are cut (the original's columns had no length). */
    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
