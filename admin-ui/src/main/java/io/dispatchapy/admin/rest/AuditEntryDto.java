package io.dispatchapy.admin.rest;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One admin change: who ({@code actor}: {@code admin}, {@code client:<name> (#id)} or {@code system}), from where
 * ({@code source}: api, ui or system; {@code ip}), what ({@code action} on {@code entityType}/{@code entityId}) and the
 * state before and after, secrets masked as {@code ***}.
 */
public record AuditEntryDto(long id, Instant at, String actor, String source, String ip, String action,
        String entityType, String entityId, String summary, JsonNode before, JsonNode after) {
}
