package io.dispatchapy.admin.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dispatchapy.admin.rest.ClientDto;
import io.dispatchapy.admin.rest.DevRuleDto;
import io.dispatchapy.admin.rest.EndpointDto;
import io.dispatchapy.admin.rest.MappingDto;
import io.dispatchapy.admin.rest.ResourceDto;
import io.dispatchapy.admin.service.ApiException;
import io.dispatchapy.admin.service.EndpointRulesService;
import io.dispatchapy.admin.service.EndpointService;
import io.dispatchapy.model.dev.DevOverrides;
import io.dispatchapy.model.dev.DevRuleSpec;
import io.dispatchapy.model.mapping.MappingSpec;
import io.dispatchapy.model.mapping.PayloadBuilder;
import io.dispatchapy.model.mapping.SourceType;

/** Saves the rules page in one transaction, and previews what each resource would receive. */
@ApplicationScoped
public class RulesEditor {
    private final EndpointService endpoints;
    private final EndpointRulesService rules;

    public RulesEditor(EndpointService endpoints, EndpointRulesService rules) {
        this.endpoints = endpoints;
        this.rules = rules;
    }

    /** Mappings, dev rules and dev flags together: all saved or none. */
    @Transactional
    public void save(long endpointId, List<MappingDto> mappings, List<DevRuleDto> devRules, EndpointDto.DevMode dev) {
        if (Boolean.TRUE.equals(dev.enabled()) && !dev.holdTasks() && !dev.rulesEnabled()) {
            throw ApiException.badRequest("devMode: dev mode needs 'hold tasks' or 'apply dev rules' (or both)");
        }
        endpoints.update(endpointId, new EndpointDto(null, null, null, null, null, null, dev, null, null, null))
                .orElseThrow(() -> UiException.notFound("Endpoint " + endpointId));
        rules.replaceMappings(endpointId, mappings);
        rules.replaceDevRules(endpointId, devRules);
    }

    public record Preview(String resourceName, String json) {
    }

    /**
     * What each linked resource would receive for {@code sample}, with the endpoint's dev rules (when dev mode and
     * rules are on) and the client's (when it has rules on) applied first, as the worker does. UUIDs are fixed
     * placeholders.
     */
    public List<Preview> preview(EndpointDto e, List<ResourceDto> linked, List<MappingDto> mappings, ObjectNode sample,
            ClientDto client) {
        List<DevRuleSpec> endpointRules = Boolean.TRUE.equals(e.devMode().enabled())
                && Boolean.TRUE.equals(e.devMode().rulesEnabled())
                        ? rules.devRules(e.id()).orElse(List.of()).stream().map(r -> new DevRuleSpec(r.conditionParam(),
                                r.conditionValue(), r.targetParam(), r.overrideValue())).toList()
                        : List.of();
        List<DevRuleSpec> clientRules = client != null && Boolean.TRUE.equals(client.devMode().rulesEnabled()) ? client
                .devMode().rules().stream().filter(r -> r.endpointId() == null || r.endpointId().equals(e.id()))
                .map(r -> new DevRuleSpec(r.conditionParam(), r.conditionValue(), r.targetParam(), r.overrideValue()))
                .toList() : List.of();
        Map<String, String> overrides = DevOverrides.compute(sample, clientRules, endpointRules);
        ObjectNode working = DevOverrides.apply(sample, overrides);
        List<Preview> out = new ArrayList<>();
        for (ResourceDto r : linked) {
            List<MappingSpec> specs = mappings.stream().filter(m -> m.resourceId().equals(r.id()))
                    .map(m -> new MappingSpec(m.targetKey(), SourceType.fromWire(m.source().type()).orElseThrow(),
                            m.source().value()))
                    .toList();
            JsonNode body = PayloadBuilder.build(working, sample, specs, r.includeRaw(),
                    () -> UUID.nameUUIDFromBytes(r.name().getBytes()).toString());
            out.add(new Preview(r.name(), pretty(body)));
        }
        return out;
    }

    private static String pretty(JsonNode node) {
        try {
            return Formats.JSON.writeValueAsString(node);
        } catch (Exception ex) {
            return node.toString();
        }
    }
}
