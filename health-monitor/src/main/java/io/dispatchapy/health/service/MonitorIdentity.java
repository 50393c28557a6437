package io.dispatchapy.health.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** The name of this process in alert leases. */
@ApplicationScoped
public class MonitorIdentity {
    private final String id = "health-" + ProcessHandle.current().pid() + "-"
            + UUID.randomUUID().toString().substring(0, 8);

    public String id() {
        return id;
    }
}
