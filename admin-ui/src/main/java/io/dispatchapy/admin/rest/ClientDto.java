package io.dispatchapy.admin.rest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.dispatchapy.model.entity.Client;
import io.dispatchapy.model.entity.DevRule;

/**
 * A client as the API shows and takes it. {@code token} appears only in the answer that created it; {@code tokenPrefix}
 * is read-only. On input a missing (null) field keeps its current value.
 */
public record ClientDto(Long id, String name, String description, List<Long> endpointIds, String tokenPrefix,
        DevMode devMode, Instant createdAt, Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String token) {

    /** Client-level dev mode: hold every task, and/or apply the rules. */
    public record DevMode(Boolean holdTasks, Boolean rulesEnabled, List<Rule> rules) {
    }

    /** A client override rule; {@code endpointId} null means every endpoint. */
    public record Rule(Long endpointId, String conditionParam, String conditionValue, String targetParam,
            String overrideValue) {

        public static Rule from(DevRule r) {
            return new Rule(r.endpointId, r.conditionParam, r.conditionValue, r.targetParam, r.overrideValue);
        }
    }

    public static ClientDto from(Client c, List<DevRule> rules, String token) {
        List<Long> endpointIds = c.endpoints.stream().map(e -> e.id).sorted().toList();
        return new ClientDto(c.id, c.name, c.description, endpointIds, c.tokenPrefix,
                new DevMode(c.devHoldTasks, c.devRulesEnabled, rules.stream().map(Rule::from).toList()), c.createdAt,
                c.updatedAt, token);
    }
}
