package io.dispatchapy.worker.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dispatchapy.model.mapping.MappingSpec;

/** One resource of an endpoint's failover list, with the mappings of that endpoint for it. */
public record Target(long id, String name, String url, String method, String bodyFormat, Map<String, String> headers,
        Duration timeout, boolean includeRaw, boolean usable, List<MappingSpec> mappings) {
}
