package io.dispatchapy.admin.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the admin API and UI. */
@ConfigMapping(prefix = "dispatchapy.admin")
public interface AdminConfig {

    /** The value every admin is the default, known to everybody and only fit for a laptop. */
    String DEFAULT_PASSWORD = "admin";

    /**
     * The admin password, checked by HTTP Basic auth on {@code /admin/api/*} (any user name). Set it with
     * {@code DISPATCHAPY_ADMIN_PASSWORD} (or the seed's {@code GATEWAY_ADMIN_PASSWORD}); defaults to {@code admin}.
     */
    String password();

    /** Largest admin API JSON body in bytes (a configuration import included); larger ones get 413. */
    @WithDefault("5242880")
    long maxBodyBytes();
}
