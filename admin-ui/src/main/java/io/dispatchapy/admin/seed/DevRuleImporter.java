package io.dispatchapy.admin.seed;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.entity.Client;
import io.dispatchapy.model.entity.DevRule;
import io.dispatchapy.model.entity.Endpoint;

/**
 * Imports {@code development_rules} (endpoint level) and {@code client_dev_rules} of the endpoints and clients created
 * by this run, in the original's order. A client rule's {@code endpoint_id} was ignored by the original, so it is not
 * imported (here it would narrow the rule to that endpoint).
 */
@ApplicationScoped
class DevRuleImporter {
    static final String ENDPOINT_KIND = "endpoint dev rules";
    static final String CLIENT_KIND = "client dev rules";

    void endpointRules(ImportContext ctx) {
        ImportReport.Count count = ctx.report.count(ENDPOINT_KIND);
        Map<Long, Integer> positions = new HashMap<>();
        for (SeedRow row : ctx.seed.rows("development_rules")) {
            count.inSeed++;
            Endpoint endpoint = ctx.endpoints.get(row.lng("endpoint_id"));
            if (!owned(ctx, row, endpoint, "endpoint", ctx.newEndpoints, row.lng("endpoint_id"), count)) {
                continue;
            }
            DevRule rule = rule(ctx, row, true, count);
            if (rule != null) {
                rule.endpointId = endpoint.id;
                rule.position = positions.merge(row.lng("endpoint_id"), 1, Integer::sum) - 1;
                ctx.persist(rule);
            }
        }
    }

    void clientRules(ImportContext ctx) {
        ImportReport.Count count = ctx.report.count(CLIENT_KIND);
        Map<Long, Integer> positions = new HashMap<>();
        for (SeedRow row : ctx.seed.rows("client_dev_rules")) {
            count.inSeed++;
            Client client = ctx.clients.get(row.lng("client_id"));
            if (!owned(ctx, row, client, "client", ctx.newClients, row.lng("client_id"), count)) {
                continue;
            }
            DevRule rule = rule(ctx, row, row.bool("active", true, ctx.report), count);
            if (rule != null) {
                if (row.lng("endpoint_id") != null) {
                    ctx.report.info(row, "endpoint_id " + row.lng("endpoint_id")
                            + " was ignored by the original (the rule applies on every endpoint); so it is here");
                }
                rule.clientId = client.id;
                rule.position = positions.merge(row.lng("client_id"), 1, Integer::sum) - 1;
                ctx.persist(rule);
            }
        }
    }

    private static boolean owned(ImportContext ctx, SeedRow row, Object owner, String what, Set<Long> created,
            Long seedId, ImportReport.Count count) {
        if (owner == null) {
            ctx.report.warning(row,
                    "orphan rule: " + what + " " + seedId + " does not exist (or was not imported);" + " dropped");
            count.skipped++;
            return false;
        }
        if (!created.contains(seedId)) {
            count.existing++;
            return false;
        }
        return true;
    }

    private static DevRule rule(ImportContext ctx, SeedRow row, boolean active, ImportReport.Count count) {
        String target = row.str("target_param");
        String override = row.str("override_value");
        if (target == null || target.isBlank() || override == null) {
            ctx.report.warning(row, "dev rule without a target or an override value; dropped");
            count.skipped++;
            return null;
        }
        DevRule rule = new DevRule();
        rule.conditionParam = blankToNull(row.str("condition_param"));
        rule.conditionValue = blankToNull(row.str("condition_value"));
        rule.targetParam = target.trim();
        rule.overrideValue = override;
        rule.active = active;
        count.created++;
        return rule;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
