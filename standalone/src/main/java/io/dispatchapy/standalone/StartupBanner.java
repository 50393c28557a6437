package io.dispatchapy.standalone;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** Logs one line that says where everything is. */
@ApplicationScoped
public class StartupBanner {
    private final int port;

    public StartupBanner(@ConfigProperty(name = "quarkus.http.port") int port) {
        this.port = port;
    }

    void onStart(@Observes StartupEvent event) {
        if (ImportSeedCommand.RUNNING.equals(System.getProperty(ImportSeedCommand.MODE_PROPERTY))) {
            Log.infof("Importing the original Dispatchapy's database into %s",
                    System.getProperty(StandaloneMain.DATABASE_DESCRIPTION, "the configured database"));
            return;
        }
        if (RotateSecretKeyCommand.NAME.equals(System.getProperty(ImportSeedCommand.MODE_PROPERTY))) {
            Log.infof("Re-encrypting the stored secrets (key %s)",
                    System.getProperty(SecretKeyFile.DESCRIPTION, "as configured"));
            return;
        }
        String base = "http://localhost:" + port;
        Log.infof(
                "Dispatchapy standalone is up: UI %s/ , admin API %s/admin/api/v1 , ingestion %s/api/<path> ; "
                        + "database: %s ; secret key: %s",
                base, base, base, System.getProperty(StandaloneMain.DATABASE_DESCRIPTION, "as configured"),
                System.getProperty(SecretKeyFile.DESCRIPTION, "not configured"));
    }
}
