package io.dispatchapy.admin.seed;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.dispatchapy.model.entity.Client;
import io.dispatchapy.model.entity.Endpoint;
import io.dispatchapy.model.entity.Resource;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The state of one import run: the seed, the report, and which of our rows each seed id became. In a dry run nothing is
 * persisted; new rows exist only as unsaved entities so that the later steps can count what they would do.
 */
final class ImportContext {
    final SeedDatabase seed;
    final ImportReport report;
    final boolean write;
    /** Seed id to our row (found or new), for every imported resource, endpoint and client. */
    final Map<Long, Resource> resources = new HashMap<>();
    final Map<Long, Endpoint> endpoints = new HashMap<>();
    final Map<Long, Client> clients = new HashMap<>();
    /** Seed ids of the endpoints and clients created by this run: only their links and rules are imported. */
    final Set<Long> newEndpoints = new HashSet<>();
    final Set<Long> newClients = new HashSet<>();

    ImportContext(SeedDatabase seed, ImportReport report) {
        this.seed = seed;
        this.report = report;
        this.write = !report.dryRun;
    }

    void persist(PanacheEntityBase entity) {
        if (write) {
            entity.persist();
        }
    }

    /** The name of a seed resource or endpoint for messages. */
    static String quote(String s) {
        return "'" + s + "'";
    }
}
