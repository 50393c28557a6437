package io.dispatchapy.model.secret;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The key that encrypts stored secrets (resource secret headers, webhook headers, the SMTP password). */
@ConfigMapping(prefix = "dispatchapy.secret")
public interface SecretConfig {

    /**
     * The current key ({@code DISPATCHAPY_SECRET_KEY}): base64 of exactly 32 random bytes (AES-256), e.g. from
     * {@code openssl rand -base64 32}. Without it nothing secret can be saved; everything else works.
     */
    Optional<String> key();

    /**
     * Former keys ({@code DISPATCHAPY_SECRET_KEY_PREVIOUS}, comma-separated, same format) that may still decrypt values
     * until they are re-encrypted with the current key (admin API {@code POST /admin/api/v1/secrets/rotate}).
     */
    Optional<List<String>> keyPrevious();
}
