package io.dispatchapy.admin.seed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.dispatchapy.model.entity.Resource;
import io.dispatchapy.model.entity.Task;
import io.dispatchapy.model.entity.TaskAttempt;

/** Imports a task's {@code logs} as task events and its {@code task_attempt_logs} as attempts, keeping their times. */
@ApplicationScoped
class TaskHistoryImporter {
    static final String EVENTS = "task log lines";
    static final String ATTEMPTS = "task attempts";
    private static final Pattern DETAILS = Pattern.compile("^Status Code: (\\d{3}|None) - Details: ?(.*)$",
            Pattern.DOTALL);

    /** The seed's log lines and attempts by task id. */
    record History(Map<Long, List<SeedRow>> logs, Map<Long, List<SeedRow>> attempts, Set<Long> taskIds) {
    }

    private final EntityManager em;

    TaskHistoryImporter(EntityManager em) {
        this.em = em;
    }

    History read(ImportContext ctx) {
        Set<Long> ids = new HashSet<>();
        ctx.seed.rows("tasks").forEach(r -> ids.add(r.id()));
        return new History(byTask(ctx.seed.rows("logs")), byTask(ctx.seed.rows("task_attempt_logs")), ids);
    }

    void write(ImportContext ctx, Task task, Long seedTaskId, String marker, History history, Instant now) {
        ImportReport.Count events = ctx.report.count(EVENTS);
        ImportReport.Count attempts = ctx.report.count(ATTEMPTS);
        event(ctx, task, now, marker);
        for (SeedRow log : history.logs().getOrDefault(seedTaskId, List.of())) {
            events.inSeed++;
            events.created++;
            Instant at = log.time("created_at", ctx.report);
            event(ctx, task, at == null ? task.createdAt : at, log.str("message") == null ? "" : log.str("message"));
        }
        int no = 0;
        for (SeedRow row : history.attempts().getOrDefault(seedTaskId, List.of())) {
            attempts.inSeed++;
            attempts.created++;
            TaskAttempt a = new TaskAttempt();
            a.taskId = task.id;
            a.attemptNo = ++no;
            Resource resource = ctx.resources.get(row.lng("resource_id"));
            a.resourceId = resource == null ? null : resource.id;
            a.resourceName = row.str("resource_name") == null ? "" : row.str("resource_name");
            Instant at = row.time("attempt_at", ctx.report);
            a.startedAt = at == null ? task.createdAt : at;
            a.outcome = "success".equals(row.str("status")) ? "success" : "failed";
            String details = row.str("details");
            Matcher m = details == null ? null : DETAILS.matcher(details);
            if (m != null && m.matches()) {
                a.statusCode = m.group(1).equals("None") ? null : Integer.valueOf(m.group(1));
                a.detail = m.group(2);
            } else {
                a.detail = details;
            }
            ctx.persist(a);
        }
    }

    /** Log lines and attempts of tasks that are not in the seed any more (the original never deleted some). */
    void reportOrphans(ImportContext ctx, History history) {
        orphans(ctx, history.logs(), history.taskIds(), "logs", EVENTS);
        orphans(ctx, history.attempts(), history.taskIds(), "task_attempt_logs", ATTEMPTS);
    }

    private static void orphans(ImportContext ctx, Map<Long, List<SeedRow>> rows, Set<Long> taskIds, String table,
            String kind) {
        int n = 0;
        for (Map.Entry<Long, List<SeedRow>> e : rows.entrySet()) {
            if (!taskIds.contains(e.getKey())) {
                n += e.getValue().size();
            }
        }
        if (n > 0) {
            ctx.report.count(kind).inSeed += n;
            ctx.report.count(kind).skipped += n;
            ctx.report.problem(ImportReport.WARNING, table, null, n + " row(s) belong to tasks that no longer exist"
                    + " (the original does not always delete them); dropped");
        }
    }

    private void event(ImportContext ctx, Task task, Instant at, String message) {
        if (ctx.write) {
            em.createNativeQuery("INSERT INTO task_event (task_id, created_at, message) VALUES (?1, ?2, ?3)")
                    .setParameter(1, task.id).setParameter(2, at).setParameter(3, message).executeUpdate();
        }
    }

    private static Map<Long, List<SeedRow>> byTask(List<SeedRow> rows) {
        Map<Long, List<SeedRow>> out = new HashMap<>();
        rows.forEach(r -> out.computeIfAbsent(r.lng("task_id"), k -> new ArrayList<>()).add(r));
        return out;
    }
}
