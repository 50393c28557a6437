package io.dispatchapy.admin.ui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.dispatchapy.admin.rest.EndpointDto;
import io.dispatchapy.admin.rest.TaskDto;
import io.dispatchapy.admin.service.EndpointService;
import io.dispatchapy.admin.service.HealthHistoryService;
import io.dispatchapy.admin.service.TaskFilter;
import io.dispatchapy.admin.service.TaskService;
import io.quarkus.logging.Log;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** {@code /}: the admin dashboard, or the client's own dashboard for a portal session. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@UiAccess(UiAccess.Role.ANY)
public class DashboardPage {
    private final CurrentSession session;
    private final DashboardQueries queries;
    private final EndpointService endpoints;
    private final TaskService tasks;
    private final HealthHistoryService health;

    public DashboardPage(CurrentSession session, DashboardQueries queries, EndpointService endpoints, TaskService tasks,
            HealthHistoryService health) {
        this.session = session;
        this.queries = queries;
        this.endpoints = endpoints;
        this.tasks = tasks;
        this.health = health;
    }

    public record Dashboard(List<DashboardQueries.StatusCount> counts, long total,
            List<DashboardQueries.ResourceRow> resources, List<EndpointDto> endpoints, List<TaskDto> recent,
            DashboardQueries.Chart chart, Map<Long, Double> uptime) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(View ui, Dashboard d);
    }

    @GET
    public TemplateInstance dashboard(@QueryParam("notice") String notice) {
        UiSession s = session.get();
        Long clientId = s.admin() ? null : s.clientId();
        List<DashboardQueries.StatusCount> counts = queries.counts(clientId);
        long total = counts.stream().mapToLong(DashboardQueries.StatusCount::count).sum();
        List<EndpointDto> eps = endpoints.list();
        if (clientId != null) {
            List<Long> own = queries.clientEndpointIds(clientId);
            eps = eps.stream().filter(e -> own.contains(e.id())).toList();
        } else {
            eps = eps.stream().filter(e -> Boolean.TRUE.equals(e.active())).toList();
        }
        List<TaskDto> recent = tasks.search(new TaskFilter(null, null, null, clientId, 0, 10)).items();
        List<DashboardQueries.ResourceRow> resources = queries.resources(clientId);
        return Templates.dashboard(View.of(s, "dashboard", notice),
                new Dashboard(counts, total, resources, eps, recent, queries.chart(clientId), uptime(resources)));
    }

    /** 24-hour uptime per resource, where there were checks; the dashboard still renders if this fails. */
    private Map<Long, Double> uptime(List<DashboardQueries.ResourceRow> resources) {
        Map<Long, Double> out = new HashMap<>();
        for (DashboardQueries.ResourceRow r : resources) {
            try {
                Double u = health.history(r.id(), 0, 1).last24h().uptimePercent();
                if (u != null) {
                    out.put(r.id(), Math.round(u * 10) / 10.0);
                }
            } catch (RuntimeException e) {
                Log.debugf("No uptime for resource %d: %s", r.id(), e.getMessage());
            }
        }
        return out;
    }
}
