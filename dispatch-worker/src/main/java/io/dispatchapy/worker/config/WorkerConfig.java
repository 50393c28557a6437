package io.dispatchapy.worker.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of a dispatch worker process. */
@ConfigMapping(prefix = "dispatchapy.worker")
public interface WorkerConfig {

    /** Whether this process claims and delivers tasks at all. */
    @WithDefault("true")
    boolean enabled();

    /** Name of this worker in leases and logs; default: host name, process id and a random suffix. */
    Optional<String> id();

    /** Tasks delivered at the same time by this process. */
    @WithDefault("64")
    int concurrency();

    /** Most tasks claimed in one statement. */
    @WithDefault("32")
    int batchSize();

    /**
     * Threads that write completed deliveries, each one batch (one statement, one commit) at a time. More than one lets
     * a batch gather and commit while another commits.
     */
    @WithDefault("2")
    int completeWriters();

    /** How often the queue is polled when no notification arrives. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long a claimed task belongs to this worker without a heartbeat. */
    @WithDefault("30s")
    Duration lease();

    /** How often leases of tasks in flight are extended; well under {@link #lease()}. */
    @WithDefault("10s")
    Duration heartbeatInterval();

    /** How often expired leases (of dead workers) are returned to the queue. */
    @WithDefault("5s")
    Duration recoveryInterval();

    /** On shutdown, how long in-flight deliveries may take before their tasks are handed back. */
    @WithDefault("20s")
    Duration shutdownGrace();

    /** How long the database settings (attempt budget, delays) are cached. */
    @WithDefault("5s")
    Duration settingsCache();

    /**
     * How long an endpoint's delivery configuration (resources, mappings, dev rules) is cached: changes reach
     * deliveries within this time. Also how long a resource is known to have no passive failures after a success reset
     * them, so that further successes skip that write. 0 reads the configuration for every task.
     */
    @WithDefault("2s")
    Duration planCache();

    /**
     * How long a fenced write of a delivery (attempt record, completion, failure, reschedule) is repeated while the
     * database cannot be reached, before the task is left for its lease to expire. Keep it under {@link #lease()}.
     */
    @WithDefault("10s")
    Duration writeRetry();
}
