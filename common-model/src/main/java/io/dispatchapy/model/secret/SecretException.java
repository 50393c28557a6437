package io.dispatchapy.model.secret;

/** A secret that cannot be stored (no key configured) or read back (missing or wrong key, damaged value). */
public class SecretException extends RuntimeException {
    public SecretException(String message) {
        super(message);
    }
}
