package io.dispatchapy.admin.seed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.entity.Endpoint;
import io.dispatchapy.model.entity.MappingRule;
import io.dispatchapy.model.entity.Resource;
import io.dispatchapy.model.mapping.PayloadBuilder;
import io.dispatchapy.model.mapping.SourceType;

/**
 * Imports {@code parameter_rules} of the endpoints created by this run ({@code from_source} becomes {@code field},
 * {@code generate_uuid} becomes {@code uuid}). The original sent a linked resource that has no rules {@code {"_raw":
 * payload}}, while our payload builder forwards the payload unchanged when there are no mappings; such a pair gets the
 * single mapping {@code _raw <- field _raw}, which yields exactly {@code {"_raw": payload}} (the builder always writes
 * the original payload under {@code _raw} last).
 */
@ApplicationScoped
class MappingImporter {
    static final String KIND = "parameter rules";
    static final String RAW_ONLY = "_raw-only mappings";

    void run(ImportContext ctx) {
        ImportReport report = ctx.report;
        ImportReport.Count count = report.count(KIND);
        Map<List<Object>, Map<String, MappingRule>> byPair = new LinkedHashMap<>();
        for (SeedRow row : ctx.seed.rows("parameter_rules")) {
            count.inSeed++;
            Long endpointId = row.lng("endpoint_id");
            Endpoint endpoint = ctx.endpoints.get(endpointId);
            Resource resource = ctx.resources.get(row.lng("resource_id"));
            if (endpoint == null || resource == null) {
                report.warning(row, "orphan rule: its " + (endpoint == null ? "endpoint" : "resource")
                        + " does not exist (or was not imported); dropped");
                count.skipped++;
                continue;
            }
            if (!ctx.newEndpoints.contains(endpointId)) {
                count.existing++;
                continue;
            }
            if (!endpoint.resources.contains(resource)) {
                report.info(row,
                        "rule for resource " + ImportContext.quote(resource.name) + ", which is not linked to endpoint "
                                + ImportContext.quote(endpoint.path) + " (the original never used it); dropped");
                count.skipped++;
                continue;
            }
            MappingRule rule = rule(row, report);
            if (rule == null) {
                count.skipped++;
                continue;
            }
            Map<String, MappingRule> rules = byPair.computeIfAbsent(pair(endpoint, resource),
                    k -> new LinkedHashMap<>());
            if (rules.containsKey(rule.targetKey)) {
                report.warning(row,
                        "a second rule for target key " + ImportContext.quote(rule.targetKey) + " of endpoint "
                                + ImportContext.quote(endpoint.path) + " and resource "
                                + ImportContext.quote(resource.name)
                                + "; the later one wins (at the first one's place), as in the original");
                count.skipped++;
                count.created--;
            }
            rule.endpointId = endpoint.id;
            rule.resourceId = resource.id;
            rules.put(rule.targetKey, rule);
            count.created++;
        }
        byPair.values().forEach(rules -> {
            int position = 0;
            for (MappingRule rule : rules.values()) {
                rule.position = position++;
                ctx.persist(rule);
            }
        });
        rawOnly(ctx, byPair);
    }

    private static MappingRule rule(SeedRow row, ImportReport report) {
        String target = row.str("target_key");
        String type = row.str("source_type");
        String value = row.str("source_value");
        if (target == null || target.isBlank()) {
            report.warning(row, "rule without a target key; dropped");
            return null;
        }
        MappingRule rule = new MappingRule();
        rule.targetKey = target.trim();
        if ("generate_uuid".equals(type)) {
            rule.sourceType = SourceType.UUID.wireName();
        } else if ("from_source".equals(type) && value != null && !value.isBlank()) {
            rule.sourceType = SourceType.FIELD.wireName();
            rule.sourceValue = value.trim();
        } else {
            report.warning(row, "rule of type " + ImportContext.quote(type) + (value == null ? " without a source" : "")
                    + " produced nothing in the original; dropped");
            return null;
        }
        if (rule.targetKey.contains(".") || (rule.sourceValue != null && rule.sourceValue.contains("."))) {
            report.warning(row, "a key with '.' (" + rule.targetKey + " <- " + rule.sourceValue
                    + ") is a nested path here, a plain key in the original; check this mapping");
        }
        return rule;
    }

    private static void rawOnly(ImportContext ctx, Map<List<Object>, Map<String, MappingRule>> byPair) {
        ImportReport.Count raw = ctx.report.count(RAW_ONLY);
        for (Long seedId : ctx.newEndpoints) {
            Endpoint endpoint = ctx.endpoints.get(seedId);
            for (Resource resource : endpoint.resources) {
                if (byPair.containsKey(pair(endpoint, resource))) {
                    continue;
                }
                MappingRule rule = new MappingRule();
                rule.endpointId = endpoint.id;
                rule.resourceId = resource.id;
                rule.targetKey = PayloadBuilder.RAW_KEY;
                rule.sourceType = SourceType.FIELD.wireName();
                rule.sourceValue = PayloadBuilder.RAW_KEY;
                ctx.persist(rule);
                raw.created++;
                ctx.report.problem(ImportReport.INFO, "parameter_rules", null,
                        "endpoint " + ImportContext.quote(endpoint.path) + " has no rules for resource "
                                + ImportContext.quote(resource.name)
                                + ": the original sent it {\"_raw\": payload}; imported"
                                + " as the one mapping _raw <- _raw so that it still receives exactly that");
            }
        }
    }

    /** Entities compare by identity, so this key works for unsaved (dry-run) rows too. */
    private static List<Object> pair(Endpoint endpoint, Resource resource) {
        return List.of(endpoint, resource);
    }
}
