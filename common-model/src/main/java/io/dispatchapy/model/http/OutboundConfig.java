package io.dispatchapy.model.http;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Which hosts Dispatchapy may call (deliveries, health checks, alert webhooks). Static: set by the operator at deploy
 * time, not changeable in the admin UI. The default allows everything.
 */
@ConfigMapping(prefix = "dispatchapy.outbound")
public interface OutboundConfig {

    /**
     * Refuses addresses that are loopback, private (RFC 1918), link-local (incl. the cloud metadata address
     * 169.254.169.254), unique-local IPv6, unspecified or multicast, unless the host is in {@link #allowHosts()}.
     */
    @WithDefault("false")
    boolean denyPrivateNetworks();

    /**
     * When set, only these hosts may be called: host names ({@code api.example.com}), domains with a leading dot or
     * {@code *.} ({@code .example.com}) or CIDR ranges ({@code 203.0.113.0/24}); comma-separated.
     */
    Optional<List<String>> allowHosts();

    /** Hosts never called, same forms as {@link #allowHosts()}; wins over the allow list. */
    Optional<List<String>> denyHosts();
}
