package io.dispatchapy.admin.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** Warns at startup while the admin password is still the well-known default. */
@ApplicationScoped
public class DefaultPasswordWarning {
    private final AdminConfig config;

    public DefaultPasswordWarning(AdminConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (AdminConfig.DEFAULT_PASSWORD.equals(config.password())) {
            Log.warn("The admin password is the default 'admin'; set DISPATCHAPY_ADMIN_PASSWORD before exposing "
                    + "the admin API");
        }
    }
}
