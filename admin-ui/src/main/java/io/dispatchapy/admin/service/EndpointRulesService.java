package io.dispatchapy.admin.service;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.dispatchapy.admin.audit.AuditLog;
import io.dispatchapy.admin.rest.DevRuleDto;
import io.dispatchapy.admin.rest.MappingDto;
import io.dispatchapy.model.entity.DevRule;
import io.dispatchapy.model.entity.Endpoint;
import io.dispatchapy.model.entity.MappingRule;
import io.dispatchapy.model.mapping.SourceType;
import io.quarkus.panache.common.Sort;

/** The whole-set editors of an endpoint's mappings and endpoint-level dev rules. */
@ApplicationScoped
public class EndpointRulesService {
    private final AuditLog audit;

    public EndpointRulesService(AuditLog audit) {
        this.audit = audit;
    }

    @Transactional
    public Optional<List<MappingDto>> mappings(long endpointId) {
        return Endpoint.<Endpoint> findByIdOptional(endpointId).map(e -> currentMappings(endpointId));
    }

    /** Replaces every mapping of the endpoint; answers the new set. */
    @Transactional
    public Optional<List<MappingDto>> replaceMappings(long endpointId, List<MappingDto> in) {
        ResourceService.requireBody(in);
        Optional<Endpoint> found = Endpoint.findByIdOptional(endpointId);
        found.ifPresent(e -> {
            Object before = audit.snapshot(currentMappings(endpointId));
            Set<Long> linked = new HashSet<>();
            e.resources.stream().filter(Objects::nonNull).forEach(r -> linked.add(r.id));
            List<MappingRule> rules = MappingValidator.validate(in, linked);
            MappingRule.delete("endpointId", endpointId);
            MappingRule.flush();
            for (int i = 0; i < rules.size(); i++) {
                MappingRule rule = rules.get(i);
                rule.endpointId = endpointId;
                rule.position = i;
                rule.persist();
            }
            audit.record("update", "mappings", e.id, "mappings of endpoint '" + e.path + "' replaced", before,
                    currentMappings(endpointId));
        });
        return found.map(e -> currentMappings(endpointId));
    }

    @Transactional
    public Optional<List<DevRuleDto>> devRules(long endpointId) {
        return Endpoint.<Endpoint> findByIdOptional(endpointId).map(e -> currentDevRules(endpointId));
    }

    /** Replaces the endpoint-level dev rules (client rules are untouched); answers the new set. */
    @Transactional
    public Optional<List<DevRuleDto>> replaceDevRules(long endpointId, List<DevRuleDto> in) {
        ResourceService.requireBody(in);
        Optional<Endpoint> found = Endpoint.findByIdOptional(endpointId);
        found.ifPresent(e -> {
            Object before = audit.snapshot(currentDevRules(endpointId));
            List<DevRule> rules = in.stream().map(DevRules::toEntity).toList();
            DevRule.delete("endpointId = ?1 and clientId is null", endpointId);
            for (int i = 0; i < rules.size(); i++) {
                DevRule rule = rules.get(i);
                rule.endpointId = endpointId;
                rule.position = i;
                rule.persist();
            }
            audit.record("update", "dev-rules", e.id, "dev rules of endpoint '" + e.path + "' replaced", before,
                    currentDevRules(endpointId));
        });
        return found.map(e -> currentDevRules(endpointId));
    }

    private static List<MappingDto> currentMappings(long endpointId) {
        return MappingRule.<MappingRule> list("endpointId", Sort.by("position").and("id"), endpointId).stream()
                .map(MappingDto::from).toList();
    }

    private static List<DevRuleDto> currentDevRules(long endpointId) {
        return DevRule.<DevRule> list("endpointId = ?1 and clientId is null", Sort.by("position").and("id"), endpointId)
                .stream().map(DevRuleDto::from).toList();
    }

    /** Checks a submitted mapping set against the endpoint's linked resources. */
    static final class MappingValidator {
        private MappingValidator() {
        }

        static List<MappingRule> validate(List<MappingDto> in, Set<Long> linked) {
            Set<String> seen = new HashSet<>();
            return in.stream().map(m -> {
                if (m == null || m.resourceId() == null) {
                    throw ApiException.badRequest("resourceId is required");
                }
                if (!linked.contains(m.resourceId())) {
                    throw ApiException.badRequest("Resource " + m.resourceId() + " is not linked to this endpoint");
                }
                MappingRule rule = new MappingRule();
                rule.resourceId = m.resourceId();
                rule.targetKey = Checks.required(m.targetKey(), "targetKey", 500);
                if (!seen.add(rule.resourceId + "\u0000" + rule.targetKey)) {
                    throw ApiException.badRequest("Duplicate mapping for resource " + rule.resourceId
                            + " and targetKey '" + rule.targetKey + "'");
                }
                SourceType type = SourceType.fromWire(m.source() == null ? null : m.source().type()).orElseThrow(
                        () -> ApiException.badRequest("source.type must be field, uuid, constant or template"));
                rule.sourceType = type.wireName();
                rule.sourceValue = sourceValue(type, m.source().value(), rule.targetKey);
                return rule;
            }).toList();
        }

        private static String sourceValue(SourceType type, String value, String targetKey) {
            if (type == SourceType.UUID) {
                return null;
            }
            boolean missing = type == SourceType.CONSTANT ? value == null : value == null || value.isBlank();
            if (missing) {
                throw ApiException.badRequest(
                        "source.value is required for type " + type.wireName() + " (targetKey '" + targetKey + "')");
            }
            return type == SourceType.FIELD ? value.trim() : value;
        }
    }
}
