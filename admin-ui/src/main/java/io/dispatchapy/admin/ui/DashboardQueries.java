package io.dispatchapy.admin.ui;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.dispatchapy.model.entity.Client;
import io.dispatchapy.model.entity.Resource;
import io.dispatchapy.model.entity.TaskStatus;
import io.quarkus.panache.common.Sort;

/** The read-only numbers of the dashboard; {@code clientId} null means every client. */
@ApplicationScoped
public class DashboardQueries {
    private final EntityManager em;

    public DashboardQueries(EntityManager em) {
        this.em = em;
    }

    public record StatusCount(String status, long count) {
    }

    public record ResourceRow(long id, String name, String status, Instant lastCheckedAt, boolean active) {
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<StatusCount> counts(Long clientId) {
        String sql = "SELECT status, count(*) FROM task" + (clientId == null ? "" : " WHERE client_id = :c")
                + " GROUP BY status";
        var q = em.createNativeQuery(sql);
        if (clientId != null) {
            q.setParameter("c", clientId);
        }
        Map<String, Long> by = new HashMap<>();
        for (Object[] row : (List<Object[]>) q.getResultList()) {
            by.put((String) row[0], ((Number) row[1]).longValue());
        }
        return TaskStatus.ALL.stream().map(s -> new StatusCount(s, by.getOrDefault(s, 0L))).toList();
    }

    /** Active resources by name; for a client, those of its endpoints. */
    @Transactional
    public List<ResourceRow> resources(Long clientId) {
        List<Resource> list = clientId == null ? Resource.list("active", Sort.by("name"), true)
                : Resource.list("select distinct r from Client c join c.endpoints e join e.resources r "
                        + "where c.id = ?1 and r.active = true order by r.name", clientId);
        return list.stream().map(r -> new ResourceRow(r.id, r.name, r.status, r.lastCheckedAt, r.active)).toList();
    }

    /** Every resource by name, with its URL, for the resource list. */
    @Transactional
    public List<ResourceListRow> allResources() {
        return Resource.<Resource> listAll(Sort.by("name")).stream()
                .map(r -> new ResourceListRow(r.id, r.name, r.url, r.status, r.lastCheckedAt, r.active, r.hcEnabled))
                .toList();
    }

    public record ResourceListRow(long id, String name, String url, String status, Instant lastCheckedAt,
            boolean active, boolean hcEnabled) {
    }

    @Transactional
    public List<Long> clientEndpointIds(long clientId) {
        return Client.<Client> findByIdOptional(clientId).map(c -> c.endpoints.stream().map(e -> e.id).toList())
                .orElse(List.of());
    }

    /** Finished tasks created in each of the last 60 minutes, by outcome. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Chart chart(Long clientId) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Instant start = end.minus(60, ChronoUnit.MINUTES);
        String sql = "SELECT floor(extract(epoch FROM created_at - CAST(:start AS timestamptz)) / 60)::int, status, "
                + "count(*) FROM task WHERE status IN ('success', 'failed') AND created_at >= :start"
                + (clientId == null ? "" : " AND client_id = :c") + " GROUP BY 1, 2";
        var q = em.createNativeQuery(sql).setParameter("start", start);
        if (clientId != null) {
            q.setParameter("c", clientId);
        }
        long[] success = new long[60];
        long[] failed = new long[60];
        for (Object[] row : (List<Object[]>) q.getResultList()) {
            int i = ((Number) row[0]).intValue();
            if (i >= 0 && i < 60) {
                (TaskStatus.SUCCESS.equals(row[1]) ? success : failed)[i] = ((Number) row[2]).longValue();
            }
        }
        return Chart.of(success, failed);
    }

    /** A stacked bar chart drawn as SVG in the template: green success on top of red failures. */
    public record Chart(List<Bar> bars, long max, long totalSuccess, long totalFailed) {

        static final int HEIGHT = 100;

        public record Bar(int x, int successY, int successH, int failedY, int failedH, String title) {
        }

        static Chart of(long[] success, long[] failed) {
            long max = 1;
            long ts = 0;
            long tf = 0;
            for (int i = 0; i < 60; i++) {
                max = Math.max(max, success[i] + failed[i]);
                ts += success[i];
                tf += failed[i];
            }
            List<Bar> bars = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                int fh = (int) Math.round((double) failed[i] * HEIGHT / max);
                int sh = (int) Math.round((double) success[i] * HEIGHT / max);
                bars.add(new Bar(i * 10, HEIGHT - fh - sh, sh, HEIGHT - fh, fh,
                        (60 - i) + " min ago: " + success[i] + " success, " + failed[i] + " failed"));
            }
            return new Chart(bars, max, ts, tf);
        }
    }
}
