package io.dispatchapy.admin.seed;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.entity.Endpoint;
import io.dispatchapy.model.entity.Resource;
import io.dispatchapy.model.mapping.EndpointPaths;

/**
 * Imports the seed's {@code endpoints} (matched by normalised path; an existing endpoint is kept as it is) and, for the
 * endpoints it creates, their ordered {@code endpoint_resource_links}.
 */
@ApplicationScoped
class EndpointImporter {
    static final String KIND = "endpoints";
    static final String LINKS = "endpoint resource links";

    void run(ImportContext ctx) {
        ImportReport report = ctx.report;
        ImportReport.Count count = report.count(KIND);
        Set<String> paths = new HashSet<>();
        for (SeedRow row : ctx.seed.rows("endpoints")) {
            count.inSeed++;
            String raw = row.str("path");
            String path = EndpointPaths.normalize(raw);
            if (path.isEmpty() || path.length() > 500) {
                report.error(row, "endpoint without a path, or one longer than 500 characters; not imported");
                count.skipped++;
                continue;
            }
            if (!path.equals(raw)) {
                report.warning(row, "path " + ImportContext.quote(raw) + " is imported as " + ImportContext.quote(path)
                        + " (trimmed, no leading '/', spaces as '_'): clients must call /api/" + path);
            }
            if (!paths.add(path)) {
                report.error(row, "a second endpoint with path " + ImportContext.quote(path) + "; not imported");
                count.skipped++;
                continue;
            }
            Endpoint existing = Endpoint.findByPath(path).orElse(null);
            if (existing != null) {
                report.info(row, "endpoint " + ImportContext.quote(path)
                        + " already exists; kept unchanged (its links and rules are not imported)");
                ctx.endpoints.put(row.id(), existing);
                count.existing++;
                continue;
            }
            Endpoint e = new Endpoint();
            e.path = path;
            e.description = row.str("description");
            e.requiredParams = SeedJson.stringList(row, "required_params", report);
            e.active = row.bool("is_active", true, report);
            e.devMode = row.bool("is_development_mode", false, report);
            e.devHoldTasks = row.bool("dev_hold_tasks", false, report);
            e.devRulesEnabled = row.bool("dev_rules_enabled", false, report);
            ctx.endpoints.put(row.id(), e);
            ctx.newEndpoints.add(row.id());
            count.created++;
        }
        links(ctx);
        ctx.newEndpoints.forEach(id -> ctx.persist(ctx.endpoints.get(id)));
    }

    /** The failover lists, in sequence order; duplicates keep their first place, orphans are dropped. */
    private static void links(ImportContext ctx) {
        ImportReport report = ctx.report;
        ImportReport.Count count = report.count(LINKS);
        List<SeedRow> rows = ctx.seed.rows("endpoint_resource_links").stream()
                .sorted(Comparator.comparing((SeedRow r) -> r.lng("sequence"), Comparator.nullsLast(Long::compare))
                        .thenComparing(SeedRow::id, Comparator.nullsLast(Long::compare)))
                .toList();
        for (SeedRow row : rows) {
            count.inSeed++;
            Endpoint endpoint = ctx.endpoints.get(row.lng("endpoint_id"));
            Resource resource = ctx.resources.get(row.lng("resource_id"));
            if (endpoint == null || resource == null) {
                report.warning(row,
                        "orphan link: "
                                + (endpoint == null ? "endpoint " + row.lng("endpoint_id")
                                        : "resource " + row.lng("resource_id"))
                                + " does not exist (or was not imported); dropped");
                count.skipped++;
            } else if (!ctx.newEndpoints.contains(row.lng("endpoint_id"))) {
                count.existing++;
            } else if (endpoint.resources.contains(resource)) {
                report.warning(row, "duplicate link of endpoint " + ImportContext.quote(endpoint.path) + " to resource "
                        + ImportContext.quote(resource.name) + "; imported once, at its first place");
                count.skipped++;
            } else {
                endpoint.resources.add(resource);
                count.created++;
            }
        }
    }
}
