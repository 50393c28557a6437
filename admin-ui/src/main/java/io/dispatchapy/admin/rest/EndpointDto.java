package io.dispatchapy.admin.rest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.dispatchapy.model.entity.Endpoint;

/**
 * An endpoint as the API shows and takes it. {@code resourceIds} is the failover order; {@code readiness} is read-only.
 * On input a missing (null) field keeps its current value (on create: the default).
 */
public record EndpointDto(Long id, String path, String description, List<String> requiredParams, Boolean active,
        List<Long> resourceIds, DevMode devMode, String readiness, Instant createdAt, Instant updatedAt) {

    /** Endpoint-level dev mode. */
    public record DevMode(Boolean enabled, Boolean holdTasks, Boolean rulesEnabled) {
    }

    public static EndpointDto from(Endpoint e, String readiness) {
        List<Long> ids = e.resources.stream().filter(Objects::nonNull).map(r -> r.id).toList();
        return new EndpointDto(e.id, e.path, e.description, e.requiredParams, e.active, ids,
                new DevMode(e.devMode, e.devHoldTasks, e.devRulesEnabled), readiness, e.createdAt, e.updatedAt);
    }
}
