package io.dispatchapy.admin.service;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import io.dispatchapy.model.entity.Client;
import io.dispatchapy.model.entity.Endpoint;
import io.dispatchapy.model.entity.MappingRule;
import io.dispatchapy.model.entity.Resource;

/** The informational endpoint status of the seed (SPEC 1.14); call inside a transaction. */
final class Readiness {
    private Readiness() {
    }

    static String of(Endpoint e) {
        long clients = Client.getEntityManager()
                .createQuery("select count(distinct c) from Client c left join c.endpoints x "
                        + "where c.legacyEndpointId = :id or x.id = :id", Long.class)
                .setParameter("id", e.id).getSingleResult();
        if (clients == 0) {
            return "Missing clients";
        }
        if (e.resources.stream().noneMatch(Objects::nonNull)) {
            return "No resources";
        }
        for (Resource r : e.resources) {
            if (r != null && !covered(e.id, r)) {
                return "Rules incomplete for '" + r.name + "'";
            }
        }
        return "Ready";
    }

    private static boolean covered(long endpointId, Resource r) {
        if (r.requiredParams.isEmpty()) {
            return true;
        }
        Set<String> keys = new HashSet<>();
        MappingRule.<MappingRule> list("endpointId = ?1 and resourceId = ?2", endpointId, r.id)
                .forEach(m -> keys.add(m.targetKey));
        return keys.containsAll(r.requiredParams);
    }
}
