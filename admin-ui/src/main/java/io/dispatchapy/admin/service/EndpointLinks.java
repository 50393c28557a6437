package io.dispatchapy.admin.service;

import java.util.List;

import io.dispatchapy.model.entity.Endpoint;
import io.dispatchapy.model.entity.Resource;

/** Rewrites an endpoint's ordered failover list without primary-key clashes. */
final class EndpointLinks {
    private EndpointLinks() {
    }

    /** Clears the list, flushes (rows deleted), then adds the resources in order. */
    static void replace(Endpoint endpoint, List<Resource> ordered) {
        if (endpoint.resources.equals(ordered)) {
            return;
        }
        endpoint.resources.clear();
        Endpoint.flush();
        endpoint.resources.addAll(ordered);
        Endpoint.flush();
    }
}
