package io.dispatchapy.admin.seed;

import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.entity.Client;
import io.dispatchapy.model.entity.Endpoint;
import io.dispatchapy.model.token.Tokens;

/**
 * Imports the seed's {@code clients} with their exact tokens (stored as hash and visible prefix), matched by token
 * hash; for the clients it creates, their {@code endpoint_client_links} and the legacy single-endpoint link. Names must
 * be unique here: a repeated name gets the seed id appended.
 */
@ApplicationScoped
class ClientImporter {
    static final String KIND = "clients";
    static final String LINKS = "client endpoint links";

    void run(ImportContext ctx) {
        ImportReport report = ctx.report;
        ImportReport.Count count = report.count(KIND);
        Set<String> names = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (SeedRow row : ctx.seed.rows("clients")) {
            count.inSeed++;
            String token = row.str("token");
            if (token == null || token.isEmpty()) {
                report.error(row, "client without a token; not imported");
                count.skipped++;
                continue;
            }
            String hash = Tokens.hash(token);
            Client existing = Client.find("tokenHash", hash).firstResult();
            if (existing != null) {
                ctx.clients.put(row.id(), existing);
                count.existing++;
                continue;
            }
            if (!hashes.add(hash)) {
                report.error(row, "a second client with the same token; not imported");
                count.skipped++;
                continue;
            }
            Client c = new Client();
            c.name = name(row, names, report);
            c.description = row.str("description");
            c.tokenHash = hash;
            c.tokenPrefix = Tokens.visiblePrefix(token);
            c.devHoldTasks = row.bool("dev_hold_tasks", false, report);
            c.devRulesEnabled = row.bool("dev_rules_enabled", false, report);
            Long legacy = row.lng("endpoint_id");
            if (legacy != null) {
                Endpoint e = ctx.endpoints.get(legacy);
                if (e == null) {
                    report.warning(row, "legacy endpoint_id " + legacy + " points to no endpoint; dropped");
                } else {
                    c.legacyEndpointId = e.id;
                    report.info(row, "legacy single-endpoint link to " + ImportContext.quote(e.path)
                            + " kept: it is still accepted as authorisation");
                }
            }
            ctx.clients.put(row.id(), c);
            ctx.newClients.add(row.id());
            count.created++;
        }
        links(ctx);
        ctx.newClients.forEach(id -> ctx.persist(ctx.clients.get(id)));
    }

    private static String name(SeedRow row, Set<String> names, ImportReport report) {
        String base = row.str("name") == null || row.str("name").isBlank() ? "client" : row.str("name").trim();
        if (base.length() > 180) {
            report.warning(row, "name longer than 180 characters; cut");
            base = base.substring(0, 180);
        }
        String name = base;
        if (!names.add(name) || Client.count("name", name) > 0) {
            name = base + " (seed #" + row.id() + ")";
            names.add(name);
            report.warning(row, "another client is named " + ImportContext.quote(base) + "; imported as "
                    + ImportContext.quote(name) + " (its token is unchanged)");
        }
        return name;
    }

    private static void links(ImportContext ctx) {
        ImportReport report = ctx.report;
        ImportReport.Count count = report.count(LINKS);
        for (SeedRow row : ctx.seed.rows("endpoint_client_links")) {
            count.inSeed++;
            Client client = ctx.clients.get(row.lng("client_id"));
            Endpoint endpoint = ctx.endpoints.get(row.lng("endpoint_id"));
            if (client == null || endpoint == null) {
                report.warning(row, "orphan link: "
                        + (client == null ? "client " + row.lng("client_id") : "endpoint " + row.lng("endpoint_id"))
                        + " does not exist (or was not imported); dropped");
                count.skipped++;
            } else if (!ctx.newClients.contains(row.lng("client_id"))) {
                count.existing++;
            } else if (!client.endpoints.add(endpoint)) {
                report.warning(row, "duplicate link of client " + ImportContext.quote(client.name) + " to endpoint "
                        + ImportContext.quote(endpoint.path) + "; imported once");
                count.skipped++;
            } else {
                count.created++;
            }
        }
    }
}
