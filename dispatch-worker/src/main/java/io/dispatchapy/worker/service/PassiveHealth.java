package io.dispatchapy.worker.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.health.HealthLedger;
import io.dispatchapy.model.health.HealthQueue;
import io.dispatchapy.model.queue.QueueException;
import io.dispatchapy.worker.client.ProviderResponse;
import io.quarkus.logging.Log;

/**
 * Reports what real traffic shows about a provider: consecutive delivery failures past the resource's threshold open
 * the circuit (the resource goes DOWN at once); a success starts the count again. Errors here never stop a delivery.
 * <p>
 * After a success has reset a resource's count, further successes skip that write for {@code plan-cache} (the count is
 * known to be 0) unless this worker sees a failure meanwhile; failures recorded by other workers are reset by the first
 * success after that time.
 */
@ApplicationScoped
public class PassiveHealth {
    private final HealthLedger ledger;
    private final HealthQueue health;
    private final DeliveryPlanCache plans;

    public PassiveHealth(HealthLedger ledger, HealthQueue health, DeliveryPlanCache plans) {
        this.ledger = ledger;
        this.health = health;
        this.plans = plans;
    }

    public void record(Target target, ProviderResponse response) {
        try {
            if (response.success()) {
                succeeded(target.id());
            } else {
                plans.passiveCountUnknown(target.id());
                if (ledger.recordDeliveryFailure(target.id(), describe(response))) {
                    plans.invalidate(); // stop sending to it now, not when the cached plans expire
                    Log.warnf("Resource '%s' is DOWN after repeated delivery failures (passive health)", target.name());
                }
            }
        } catch (QueueException | jakarta.persistence.PersistenceException e) {
            Log.warnf("Could not record passive health of '%s': %s", target.name(), e.getMessage());
        }
    }

    private void succeeded(long resourceId) {
        if (!plans.passiveCountKnownZero(resourceId)) {
            health.deliverySucceeded(resourceId);
            plans.passiveCountReset(resourceId);
        }
    }

    private static String describe(ProviderResponse r) {
        String d = (r.statusCode() == null ? "" : "HTTP " + r.statusCode() + " ")
                + (r.detail() == null ? "" : r.detail());
        return d.length() > 300 ? d.substring(0, 300) : d;
    }
}
