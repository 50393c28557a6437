package io.dispatchapy.admin.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.dispatchapy.admin.audit.AuditDiff;
import io.dispatchapy.admin.audit.AuditFilter;
import io.dispatchapy.admin.audit.AuditSearch;
import io.dispatchapy.admin.rest.AuditEntryDto;
import io.dispatchapy.admin.rest.AuditPageDto;
import io.dispatchapy.admin.service.ApiException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The audit log for admins: filters, paging, and one entry with its before/after differences. */
@Path("/audit")
@Produces(MediaType.TEXT_HTML)
@UiAccess(UiAccess.Role.ADMIN)
public class AuditPage {
    static final int PAGE_SIZE = 50;

    private final CurrentSession session;
    private final AuditSearch search;

    public AuditPage(CurrentSession session, AuditSearch search) {
        this.session = session;
        this.search = search;
    }

    static final List<String> ENTITY_TYPES = List.of("resource", "endpoint", "mappings", "dev-rules", "client",
            "settings", "task", "config", "seed");

    public record Filters(String entityType, String entityId, String actor, String since) {
        public List<String> types() {
            return ENTITY_TYPES;
        }
    }

    public record Paging(int page, int pages, long total, String prev, String next) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(View ui, AuditPageDto result, Filters f, Paging paging, String message);

        static native TemplateInstance entry(View ui, AuditEntryDto e, List<AuditDiff.Change> changes, String before,
                String after);
    }

    @GET
    public TemplateInstance list(@QueryParam("entityType") String entityType, @QueryParam("entityId") String entityId,
            @QueryParam("actor") String actor, @QueryParam("since") String since,
            @QueryParam("page") @DefaultValue("0") int page) {
        Filters f = new Filters(entityType, entityId, actor, since);
        String message = null;
        AuditPageDto result;
        try {
            result = search.search(new AuditFilter(entityType, entityId, actor, AuditFilter.since(since),
                    Math.max(0, Math.min(page, 1_000_000)), PAGE_SIZE));
        } catch (ApiException e) {
            message = e.getMessage();
            result = search.search(new AuditFilter(entityType, entityId, actor, null, 0, PAGE_SIZE));
        }
        int pages = (int) Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        String base = "/audit?" + query(f);
        Paging paging = new Paging(result.page(), pages, result.total(),
                result.page() > 0 ? base + "page=" + (result.page() - 1) : null,
                result.page() + 1 < pages ? base + "page=" + (result.page() + 1) : null);
        return Templates.list(View.of(session.get(), "audit", null), result, f, paging, message);
    }

    @GET
    @Path("{id}")
    public TemplateInstance entry(@PathParam("id") long id) {
        AuditEntryDto e = search.get(id).orElseThrow(() -> UiException.notFound("Audit entry " + id));
        return Templates.entry(View.of(session.get(), "audit", null), e, AuditDiff.of(e.before(), e.after()),
                pretty(e.before()), pretty(e.after()));
    }

    private static String pretty(com.fasterxml.jackson.databind.JsonNode node) {
        return node == null ? null : node.toPrettyString();
    }

    private static String query(Filters f) {
        StringBuilder q = new StringBuilder();
        append(q, "entityType", f.entityType());
        append(q, "entityId", f.entityId());
        append(q, "actor", f.actor());
        append(q, "since", f.since());
        return q.toString();
    }

    private static void append(StringBuilder q, String name, String value) {
        if (value != null && !value.isBlank()) {
            q.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
        }
    }
}
