package io.dispatchapy.model.entity;

/** The two health states of a resource, as stored in {@code resource.status}. */
public final class ResourceStatus {
    public static final String UP = "UP";
    public static final String DOWN = "DOWN";

    private ResourceStatus() {
    }
}
