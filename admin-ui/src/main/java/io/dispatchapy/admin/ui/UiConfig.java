package io.dispatchapy.admin.ui;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Sessions and login throttling of the admin UI and the client portal (and of HTTP Basic on the admin API, which shares
 * the throttle).
 */
@ConfigMapping(prefix = "dispatchapy.ui")
public interface UiConfig {

    /** A session ends after this long without a request (sliding expiry). */
    @WithDefault("8H")
    Duration sessionIdleTimeout();

    /** A session ends this long after sign-in however busy it is (absolute expiry); sign in again after. */
    @WithDefault("24H")
    Duration sessionAbsoluteTimeout();

    /**
     * Mark the session cookies {@code Secure} on every answer, not only on HTTPS requests. Set it when TLS ends at a
     * proxy that Quarkus is not told to trust ({@code quarkus.http.proxy.proxy-address-forwarding}), so the request
     * looks like plain HTTP here.
     */
    @WithDefault("false")
    boolean secureCookies();

    /** Failed logins allowed from one address within {@link #loginWindow()} before it must wait. */
    @WithDefault("5")
    int loginMaxFailuresPerIp();

    /** Failed logins allowed from all addresses together within {@link #loginWindow()}. */
    @WithDefault("50")
    int loginMaxFailuresGlobal();

    /** The window over which failed logins are counted. */
    @WithDefault("15M")
    Duration loginWindow();
}
