package io.dispatchapy.admin.seed;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.secret.SecretBox;
import io.dispatchapy.model.secret.SecretException;

/**
 * Encrypts what the seed kept in clear: every webhook header, the SMTP password, and resource headers whose names look
 * secret (authorization, *token*, *key*, *secret*, *password*), which thereby become the resource's secret headers.
 * Without a key the values are imported as they are, with a warning.
 */
@ApplicationScoped
class SeedSecrets {
    private final SecretBox box;

    SeedSecrets(SecretBox box) {
        this.box = box;
    }

    static boolean looksSecret(String headerName) {
        String n = headerName.toLowerCase(Locale.ROOT);
        return n.equals("authorization") || n.equals("proxy-authorization") || n.contains("token") || n.contains("key")
                || n.contains("secret") || n.contains("password") || n.contains("cookie");
    }

    /** Resource headers: the secret-looking ones encrypted. */
    Map<String, String> resourceHeaders(SeedRow row, Map<String, String> headers, ImportReport report) {
        return seal(row, headers, report, false);
    }

    /** Webhook headers: all encrypted. */
    Map<String, String> webhookHeaders(SeedRow row, Map<String, String> headers, ImportReport report) {
        return seal(row, headers, report, true);
    }

    /** The clear value of a stored secret, or null when it cannot be read (so it is written again). */
    String openOrNull(String stored) {
        try {
            return stored == null ? null : box.open(stored);
        } catch (SecretException e) {
            return null;
        }
    }

    /** The value encrypted; without a key the clear value, with a warning. */
    String seal(SeedRow row, String what, String clear, ImportReport report) {
        if (!box.enabled()) {
            report.warning(row, what + " imported unencrypted: " + SecretBox.ENV
                    + " is not set (set it and run the key rotation to encrypt it)");
            return clear;
        }
        return box.seal(clear);
    }

    private Map<String, String> seal(SeedRow row, Map<String, String> headers, ImportReport report, boolean all) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            boolean secret = value != null && !value.isEmpty() && (all || looksSecret(name));
            out.put(name, secret ? seal(row, "header " + name, value, report) : value);
        });
        return out;
    }
}
