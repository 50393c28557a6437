package io.dispatchapy.health.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of a health-monitor process. */
@ConfigMapping(prefix = "dispatchapy.health")
public interface HealthConfig {

    /** Whether this process runs checks, sends alerts and cleans up at all. */
    @WithDefault("true")
    boolean enabled();

    /** How often due checks and pending alerts are looked for. */
    @WithDefault("1s")
    Duration tick();

    /** Checks running at the same time in this process; a slow provider holds only one slot. */
    @WithDefault("8")
    int concurrency();

    /** How long a claimed check belongs to this process before another replica may take it. */
    @WithDefault("60s")
    Duration checkLease();

    /** A DOWN resource without active checks is given another try (half-open) after this long. */
    @WithDefault("60s")
    Duration halfOpenCoolDown();

    /** Alerts: first retry delay after a failed send; doubles each time. */
    @WithDefault("10s")
    Duration alertRetryDelay();

    /** Alerts: longest delay between two tries. */
    @WithDefault("1h")
    Duration alertRetryMaxDelay();

    /** Alerts: tries before an alert is given up (marked failed). */
    @WithDefault("20")
    int alertMaxAttempts();

    /** How often finished tasks and old history are deleted (per the retention settings). */
    @WithDefault("1h")
    Duration retentionInterval();

    /** Rows deleted per statement by the retention clean-up, so tables are never locked for long. */
    @WithDefault("1000")
    int retentionBatchSize();
}
