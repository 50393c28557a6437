package io.dispatchapy.admin.ui;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Sessions and login throttling of the admin UI and the client portal. */
@ConfigMapping(prefix = "dispatchapy.ui")
public interface UiConfig {

    /** A session ends after this long without a request (sliding expiry). */
    @WithDefault("8H")
    Duration sessionIdleTimeout();

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
