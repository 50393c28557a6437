package io.dispatchapy.worker.service;

import java.util.List;

import io.dispatchapy.model.dev.DevRuleSpec;

/**
 * Everything needed to deliver a task of one endpoint for one client: the failover list in order and the dev rules that
 * apply (already filtered by the dev switches).
 */
public record DeliveryPlan(List<Target> targets, List<DevRuleSpec> clientRules, List<DevRuleSpec> endpointRules) {

    public List<Target> usableTargets() {
        return targets.stream().filter(Target::usable).toList();
    }
}
