package io.dispatchapy.admin.ui;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.dispatchapy.admin.rest.CheckResultDto;
import io.dispatchapy.admin.rest.HealthHistoryDto;
import io.dispatchapy.admin.rest.ResourceDto;
import io.dispatchapy.admin.service.ApiException;
import io.dispatchapy.admin.service.HealthHistoryService;
import io.dispatchapy.admin.service.ManualCheckService;
import io.dispatchapy.admin.service.ResourceService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Health history of a resource (admins, and clients for the resources of their endpoints) and manual checks. */
@Path("/resources/{id}")
@Produces(MediaType.TEXT_HTML)
@UiAccess(UiAccess.Role.ANY)
public class HealthPage {
    private final CurrentSession session;
    private final ResourceService resources;
    private final HealthHistoryService history;
    private final ManualCheckService checks;
    private final DashboardQueries queries;

    public HealthPage(CurrentSession session, ResourceService resources, HealthHistoryService history,
            ManualCheckService checks, DashboardQueries queries) {
        this.session = session;
        this.resources = resources;
        this.history = history;
        this.checks = checks;
        this.queries = queries;
    }

    /** Latency of the last checks, oldest first, as SVG polyline points (numbers only). */
    public record Sparkline(String points, int maxMs) {
        static Sparkline of(List<HealthHistoryDto.Check> newestFirst) {
            List<Integer> ms = new ArrayList<>();
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                Integer l = newestFirst.get(i).latencyMs();
                ms.add(l == null ? 0 : l);
            }
            int max = Math.max(1, ms.stream().mapToInt(Integer::intValue).max().orElse(1));
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < ms.size(); i++) {
                int x = ms.size() == 1 ? 0 : i * 300 / (ms.size() - 1);
                b.append(x).append(',').append(40 - ms.get(i) * 38 / max).append(' ');
            }
            return new Sparkline(b.toString().trim(), max);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance history(View ui, ResourceDto r, HealthHistoryDto h, Sparkline spark);

        static native TemplateInstance check(CheckResultDto c, String error);
    }

    @GET
    @Path("history")
    public TemplateInstance page(@PathParam("id") long id, @QueryParam("notice") String notice) {
        UiSession s = session.get();
        if (!s.admin() && queries.resources(s.clientId()).stream().noneMatch(r -> r.id() == id)) {
            throw UiException.notFound("Resource " + id);
        }
        ResourceDto r = resources.get(id).orElseThrow(() -> UiException.notFound("Resource " + id));
        HealthHistoryDto h;
        try {
            h = history.history(id, 0, 50);
        } catch (ApiException e) {
            throw new UiException(e.status(), e.getMessage());
        }
        return Templates.history(View.of(s, s.admin() ? "resources" : "dashboard", notice), r, h,
                Sparkline.of(h.items()));
    }

    /** Runs the check now: an inline result for htmx, otherwise back to the history page. */
    @POST
    @Path("check")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @UiAccess(UiAccess.Role.ADMIN)
    public Response check(@PathParam("id") long id, MultivaluedMap<String, String> form,
            @HeaderParam("HX-Request") String htmx) {
        Form.checked(form, session.get());
        CheckResultDto result = null;
        String error = null;
        try {
            result = checks.check(id);
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw UiException.notFound("Resource " + id);
            }
            error = e.getMessage();
        }
        if (htmx != null) {
            return Response.ok(Templates.check(result, error).render(), MediaType.TEXT_HTML_TYPE).build();
        }
        if (error != null) {
            throw new UiException(409, error);
        }
        return Response.seeOther(URI.create("/resources/" + id + "/history?notice=saved")).build();
    }
}
