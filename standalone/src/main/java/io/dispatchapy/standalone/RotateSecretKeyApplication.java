package io.dispatchapy.standalone;

import jakarta.inject.Singleton;

import io.dispatchapy.admin.service.ApiException;
import io.dispatchapy.admin.service.SecretRotationService;
import io.quarkus.runtime.QuarkusApplication;

/** Runs {@code rotate-secret-key}: re-encrypts, prints the counts and ends the process with its exit status. */
@Singleton
public class RotateSecretKeyApplication implements QuarkusApplication {
    private final SecretRotationService rotation;

    public RotateSecretKeyApplication(SecretRotationService rotation) {
        this.rotation = rotation;
    }

    @Override
    public int run(String... args) {
        try {
            SecretRotationService.Result r = rotation.rotate();
            System.out.printf("Secrets re-encrypted with key %s: %d re-encrypted, %d already current%n", r.keyId(),
                    r.reencrypted(), r.alreadyCurrent());
            r.failed().forEach(f -> System.out.println("  unreadable (left as it was): " + f));
            System.out.flush();
            return ImportSeedCommand.OK;
        } catch (ApiException e) {
            System.err.println("Error: " + e.getMessage());
            return ImportSeedCommand.FAILED;
        } catch (RuntimeException e) {
            System.err.println("Error: the rotation failed and nothing was changed: " + e);
            return ImportSeedCommand.FAILED;
        }
    }
}
