package io.dispatchapy.model.health;

/** After a check: the resource's status (null when the resource is gone) and whether it changed. */
public record CheckOutcome(String status, boolean changed, Long healthCheckId) {
}
