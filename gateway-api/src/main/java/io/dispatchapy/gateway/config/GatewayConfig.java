package io.dispatchapy.gateway.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the ingestion API. */
@ConfigMapping(prefix = "dispatchapy.gateway")
public interface GatewayConfig {

    /** Largest accepted request body in bytes; larger bodies get 413. */
    @WithDefault("1048576")
    int maxBodyBytes();

    /** Deepest accepted nesting of JSON objects and arrays in a request body; deeper bodies get 422. */
    @WithDefault("64")
    int maxJsonDepth();

    /** Most keys and array elements (counted together, at every level) in a request body; more get 422. */
    @WithDefault("10000")
    int maxJsonEntries();

    /** Longest accepted JSON string value (in characters) in a request body; longer ones get 422. */
    @WithDefault("1048576")
    int maxJsonStringLength();

    /**
     * How long the route of an authorised caller (endpoint, client, link, required parameters, hold switches, rate
     * limit) is reused without asking the database; changes made in the admin UI reach ingestion within this time.
     * Refusals are never cached. 0 looks the route up for every request.
     */
    @WithDefault("1s")
    Duration routeCache();

    /**
     * Most ingestion requests using the database at the same time; 0 means no bound besides the connection pool. In the
     * standalone process, a bound below the pool size leaves connections (and CPU) to its dispatch worker under a flood
     * of requests, at the cost of ingestion throughput.
     */
    @WithDefault("0")
    int databaseSlots();

    /** How long a request waits for one of the {@link #databaseSlots()} before it is answered 503. */
    @WithDefault("5s")
    Duration databaseSlotWait();

    /**
     * Threads that store accepted requests, each a batch of everything accepted meanwhile in one statement and one
     * commit (group commit). A request is answered once its batch is committed.
     */
    @WithDefault("2")
    int insertWriters();

    /** Most requests stored by one statement. */
    @WithDefault("64")
    int insertBatch();

    /** Per-client ingestion rate limits. */
    RateLimit rateLimit();

    /** Token-bucket rate limit per client and gateway process (N replicas admit up to N times the limit). */
    interface RateLimit {
        /**
         * Requests per second for clients without their own limit; 0 means unlimited. A client's own value (admin API
         * {@code rateLimit.perSecond}) wins.
         */
        @WithDefault("0")
        int defaultPerSecond();

        /**
         * Requests a client may send at once above the steady rate, for clients without their own burst; absent means
         * one second's worth (the rate itself, at least 1).
         */
        Optional<Integer> defaultBurst();
    }
}
