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
 */
@ApplicationScoped
public class PassiveHealth {
    private final HealthLedger ledger;
    private final HealthQueue health;

    public PassiveHealth(HealthLedger ledger, HealthQueue health) {
        this.ledger = ledger;
        this.health = health;
    }

    public void record(Target target, ProviderResponse response) {
        try {
            if (response.success()) {
                health.deliverySucceeded(target.id());
            } else if (ledger.recordDeliveryFailure(target.id(), describe(response))) {
                Log.warnf("Resource '%s' is DOWN after repeated delivery failures (passive health)", target.name());
            }
        } catch (QueueException | jakarta.persistence.PersistenceException e) {
            Log.warnf("Could not record passive health of '%s': %s", target.name(), e.getMessage());
        }
    }

    private static String describe(ProviderResponse r) {
        String d = (r.statusCode() == null ? "" : "HTTP " + r.statusCode() + " ")
                + (r.detail() == null ? "" : r.detail());
        return d.length() > 300 ? d.substring(0, 300) : d;
    }
}
