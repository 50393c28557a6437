package io.dispatchapy.admin.rest;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.dispatchapy.admin.audit.AuditFilter;
import io.dispatchapy.admin.audit.AuditSearch;
import io.dispatchapy.admin.service.ApiException;

/** The audit log of admin changes (read only). */
@Path("/admin/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Who changed what, when and from where")
public class AuditResource {
    private final AuditSearch search;

    public AuditResource(AuditSearch search) {
        this.search = search;
    }

    @GET
    @Operation(summary = "Audit entries, newest first (page is 0-based, size at most 500; since: ISO date or instant)")
    public AuditPageDto list(@QueryParam("entityType") String entityType, @QueryParam("entityId") String entityId,
            @QueryParam("actor") String actor, @QueryParam("since") String since,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        return search.search(new AuditFilter(entityType, entityId, actor, AuditFilter.since(since), page, size));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One audit entry")
    public AuditEntryDto get(@PathParam("id") long id) {
        return search.get(id).orElseThrow(() -> ApiException.notFound("Audit entry " + id + " not found"));
    }
}
