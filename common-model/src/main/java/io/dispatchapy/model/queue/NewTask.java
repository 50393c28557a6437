package io.dispatchapy.model.queue;

/** What the gateway stores for one accepted request. {@code payloadJson} is the client's JSON object. */
public record NewTask(long clientId, String clientName, long endpointId, String endpointPath, String ref, String scope,
        String payloadJson, boolean held, String idempotencyKey, String requestHash) {
}
