package io.dispatchapy.admin.ui;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.dispatchapy.admin.rest.ClientDto;
import io.dispatchapy.admin.rest.EndpointDto;
import io.dispatchapy.admin.rest.TaskDetailDto;
import io.dispatchapy.admin.rest.TaskPageDto;
import io.dispatchapy.admin.service.ApiException;
import io.dispatchapy.admin.service.ClientService;
import io.dispatchapy.admin.service.EndpointService;
import io.dispatchapy.admin.service.TaskFilter;
import io.dispatchapy.admin.service.TaskService;
import io.dispatchapy.model.entity.TaskStatus;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The task list and task detail, for admins (every task) and clients (their own only). */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@UiAccess(UiAccess.Role.ANY)
public class TasksPage {
    static final int PAGE_SIZE = 50;

    private final CurrentSession session;
    private final TaskService tasks;
    private final EndpointService endpoints;
    private final ClientService clients;

    public TasksPage(CurrentSession session, TaskService tasks, EndpointService endpoints, ClientService clients) {
        this.session = session;
        this.tasks = tasks;
        this.endpoints = endpoints;
        this.clients = clients;
    }

    public record Filters(String status, String q, Long endpointId, Long clientId, List<String> statuses,
            List<EndpointDto> endpoints, List<ClientDto> clients) {
    }

    public record Paging(int page, int pages, long total, String prev, String next) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(View ui, TaskPageDto result, Filters f, Paging paging, String message);

        static native TemplateInstance detail(View ui, TaskDetailDto t, boolean canRetry, boolean canStop,
                boolean canDelete);
    }

    @GET
    @Path("tasks")
    public TemplateInstance list(@QueryParam("status") String status, @QueryParam("q") String q,
            @QueryParam("endpointId") Long endpointId, @QueryParam("clientId") Long clientId,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("notice") String notice,
            @QueryParam("done") Integer done, @QueryParam("refused") Integer refused) {
        UiSession s = session.get();
        String st = status == null || status.isBlank() || !TaskStatus.ALL.contains(status) ? null : status;
        Long client = s.admin() ? clientId : s.clientId();
        TaskPageDto result = tasks.search(new TaskFilter(st, q, endpointId, client, Math.max(0, page), PAGE_SIZE));
        int pages = (int) Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        String base = "/tasks?" + query(st, q, endpointId, s.admin() ? clientId : null);
        Paging paging = new Paging(result.page(), pages, result.total(),
                result.page() > 0 ? base + "page=" + (result.page() - 1) : null,
                result.page() < pages - 1 ? base + "page=" + (result.page() + 1) : null);
        List<EndpointDto> eps = s.admin() ? endpoints.list() : List.of();
        List<ClientDto> cls = s.admin() ? clients.list() : List.of();
        String message = done == null ? null : done + " task(s) done" + (refused != null && refused > 0
                ? ", " + refused + " refused (processing, finished or not yours)" : "") + ".";
        return Templates.list(View.of(s, "tasks", notice), result,
                new Filters(st, q, endpointId, clientId, TaskStatus.ALL, eps, cls), paging, message);
    }

    @GET
    @Path("task/{id}")
    public TemplateInstance detail(@PathParam("id") long id, @QueryParam("notice") String notice) {
        UiSession s = session.get();
        TaskDetailDto t = tasks.detail(id).filter(d -> s.admin() || s.clientId().equals(d.task().clientId()))
                .orElseThrow(() -> UiException.notFound("Task " + id));
        String st = t.task().status();
        return Templates.detail(View.of(s, "tasks", notice), t,
                List.of(TaskStatus.FAILED, TaskStatus.PENDING, TaskStatus.HELD, TaskStatus.STOPPED).contains(st),
                List.of(TaskStatus.PENDING, TaskStatus.HELD).contains(st), !TaskStatus.PROCESSING.equals(st));
    }

    @POST
    @Path("task/{id}/{action: retry|stop|delete}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response action(@PathParam("id") long id, @PathParam("action") String action,
            MultivaluedMap<String, String> form) {
        UiSession s = session.get();
        Form.checked(form, s);
        Optional<Long> owner = s.admin() ? Optional.empty() : Optional.of(s.clientId());
        try {
            switch (action) {
            case "retry" -> tasks.retry(id, owner);
            case "stop" -> tasks.stop(id, owner);
            default -> {
                tasks.delete(id, owner);
                return Response.seeOther(URI.create("/tasks?notice=deleted")).build();
            }
            }
        } catch (ApiException e) {
            throw new UiException(e.status(), e.getMessage());
        }
        return Response
                .seeOther(URI.create("/task/" + id + "?notice=" + (action.equals("retry") ? "retried" : "stopped")))
                .build();
    }

    @POST
    @Path("tasks/batch")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response batch(MultivaluedMap<String, String> form) {
        UiSession s = session.get();
        Form f = Form.checked(form, s);
        Optional<Long> owner = s.admin() ? Optional.empty() : Optional.of(s.clientId());
        boolean retry = "retry".equals(f.get("action"));
        int done = 0;
        int refused = 0;
        for (Long id : f.ids("ids")) {
            try {
                if (retry) {
                    tasks.retry(id, owner);
                } else {
                    tasks.delete(id, owner);
                }
                done++;
            } catch (ApiException e) {
                refused++;
            }
        }
        return Response.seeOther(URI.create("/tasks?done=" + done + "&refused=" + refused)).build();
    }

    private static String query(String status, String q, Long endpointId, Long clientId) {
        StringBuilder b = new StringBuilder();
        if (status != null) {
            b.append("status=").append(status).append('&');
        }
        if (q != null && !q.isBlank()) {
            b.append("q=").append(java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8)).append('&');
        }
        if (endpointId != null) {
            b.append("endpointId=").append(endpointId).append('&');
        }
        if (clientId != null) {
            b.append("clientId=").append(clientId).append('&');
        }
        return b.toString();
    }
}
