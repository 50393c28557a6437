package io.dispatchapy.worker.client;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One call to a provider: where, how, and the body to send. */
public record ProviderRequest(String url, String method, String bodyFormat, Map<String, String> headers,
        Duration timeout, ObjectNode body, String idempotencyKey) {
}
