package io.dispatchapy.gateway.service;

import java.util.List;

/**
 * An active endpoint as ingestion sees it, with the calling client when its token is known ({@code clientId} null
 * otherwise), whether that client may call the endpoint and its own rate limit (null = the gateway's default).
 */
public record Route(long endpointId, String path, List<String> requiredParams, boolean holdTasks, Long clientId,
        String clientName, boolean clientHoldsTasks, boolean linked, Integer rateLimitPerSecond,
        Integer rateLimitBurst) {
}
