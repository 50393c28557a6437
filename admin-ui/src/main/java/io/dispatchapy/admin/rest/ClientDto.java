package io.dispatchapy.admin.rest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.dispatchapy.model.entity.Client;
import io.dispatchapy.model.entity.DevRule;

/**
 * A client as the API shows and takes it. {@code token} appears only in the answer that created it; {@code tokenPrefix}
 * and {@code previousToken} are read-only. On input a missing (null) field keeps its current value; a present
 * {@code rateLimit} object replaces the whole limit (its null fields mean the gateway's default).
 */
public record ClientDto(Long id, String name, String description, List<Long> endpointIds, String tokenPrefix,
        DevMode devMode, Instant createdAt, Instant updatedAt, @JsonInclude(JsonInclude.Include.NON_NULL) String token,
        RateLimit rateLimit, @JsonInclude(JsonInclude.Include.NON_NULL) PreviousToken previousToken) {

    /** The fields every client had before rate limits and token grace; those two stay unset (kept on update). */
    public ClientDto(Long id, String name, String description, List<Long> endpointIds, String tokenPrefix,
            DevMode devMode, Instant createdAt, Instant updatedAt, String token) {
        this(id, name, description, endpointIds, tokenPrefix, devMode, createdAt, updatedAt, token, null, null);
    }

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

    /**
     * Ingestion rate limit: {@code perSecond} requests per second (0 = unlimited) with bursts of {@code burst}; null
     * fields take the gateway's defaults ({@code dispatchapy.gateway.rate-limit.*}).
     */
    public record RateLimit(Integer perSecond, Integer burst) {
    }

    /** The token before the last rotation, still accepted until {@code validUntil} (shown only while it is). */
    public record PreviousToken(String tokenPrefix, Instant validUntil) {
    }

    public static ClientDto from(Client c, List<DevRule> rules, String token) {
        List<Long> endpointIds = c.endpoints.stream().map(e -> e.id).sorted().toList();
        PreviousToken previous = c.previousTokenHash != null && c.previousTokenExpiresAt != null
                && c.previousTokenExpiresAt.isAfter(Instant.now())
                        ? new PreviousToken(c.previousTokenPrefix, c.previousTokenExpiresAt) : null;
        return new ClientDto(c.id, c.name, c.description, endpointIds, c.tokenPrefix,
                new DevMode(c.devHoldTasks, c.devRulesEnabled, rules.stream().map(Rule::from).toList()), c.createdAt,
                c.updatedAt, token, new RateLimit(c.rateLimitPerSecond, c.rateLimitBurst), previous);
    }
}
