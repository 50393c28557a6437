package io.dispatchapy.model.health;

/** An outbox row claimed for sending. {@code payloadJson} describes the event. */
public record PendingAlert(long id, String kind, String channel, Long resourceId, String payloadJson, int attempts) {
}
