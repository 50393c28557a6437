package io.dispatchapy.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the ingestion API. */
@ConfigMapping(prefix = "dispatchapy.gateway")
public interface GatewayConfig {

    /** Largest accepted request body in bytes; larger bodies get 413. */
    @WithDefault("1048576")
    int maxBodyBytes();
}
