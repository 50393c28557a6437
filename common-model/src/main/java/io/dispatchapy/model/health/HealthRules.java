package io.dispatchapy.model.health;

import io.dispatchapy.model.entity.ResourceStatus;

/** Hysteresis: one blip does not flap a provider. */
public final class HealthRules {
    private HealthRules() {
    }

    public static String next(String current, int consecutiveFailures, int consecutiveSuccesses, int failureThreshold,
            int successThreshold) {
        if (ResourceStatus.UP.equals(current) && consecutiveFailures >= failureThreshold) {
            return ResourceStatus.DOWN;
        }
        if (ResourceStatus.DOWN.equals(current) && consecutiveSuccesses >= successThreshold) {
            return ResourceStatus.UP;
        }
        return current;
    }
}
