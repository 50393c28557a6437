package io.dispatchapy.admin.service;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.http.OutboundPolicy;
import io.dispatchapy.model.secret.SecretBox;
import io.dispatchapy.model.secret.SecretException;

/**
 * What a resource may hold: secret headers and webhook headers are encrypted before they are stored (answers show
 * {@link SecretBox#MASK}; sending the mask back keeps the stored value), and every URL must pass the operator's
 * outbound allow/deny list.
 */
@ApplicationScoped
public class ResourceProtection {
    private final SecretBox secrets;
    private final OutboundPolicy outbound;

    public ResourceProtection(SecretBox secrets, OutboundPolicy outbound) {
        this.secrets = secrets;
        this.outbound = outbound;
    }

    /** A 400 naming the field and the rule when the operator's outbound list refuses the URL. */
    public String allowedUrl(String url, String field) {
        outbound.refusal(url).ifPresent(why -> {
            throw ApiException.badRequest(field + ": " + why);
        });
        return url;
    }

    /**
     * The stored {@code headers} column: plain headers (the given ones, else the stored plain ones) plus the secret
     * ones, encrypted. In {@code secretIn}, the mask or an absent name keeps a stored secret, a new value replaces it,
     * null or "" deletes it. A plain header replaces a stored secret of the same name.
     */
    public Map<String, String> headers(Map<String, String> plainIn, Map<String, String> secretIn,
            Map<String, String> stored) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> storedSecrets = new LinkedHashMap<>();
        stored.forEach((k, v) -> (SecretBox.isSealed(v) ? storedSecrets : out).put(k, v));
        if (plainIn != null) {
            out.clear();
            plainIn.forEach(out::put);
            plainIn.keySet().forEach(storedSecrets::remove);
        }
        if (secretIn != null) {
            secretIn.forEach((name, value) -> {
                String field = "secretHeaders." + name;
                if (name == null || name.isBlank()) {
                    throw ApiException.badRequest("secretHeaders must not have an empty name");
                }
                if (plainIn != null && plainIn.containsKey(name) && value != null && !value.isEmpty()) {
                    throw ApiException.badRequest(field + ": also given as a plain header; give it once");
                }
                if (value == null || value.isEmpty()) {
                    storedSecrets.remove(name);
                } else if (!SecretBox.MASK.equals(value)) {
                    storedSecrets.remove(name);
                    storedSecrets.put(name.trim(), seal(value, field));
                } else if (!storedSecrets.containsKey(name)) {
                    throw ApiException.badRequest(field + ": the masked value keeps a stored secret, but none is"
                            + " stored under this name; send the value");
                }
            });
        }
        storedSecrets.forEach((k, v) -> out.remove(k));
        out.putAll(storedSecrets);
        return out;
    }

    /** Webhook headers are all secret: each value is encrypted; the mask keeps the stored value of that name. */
    public Map<String, String> webhookHeaders(Map<String, String> in, Map<String, String> stored) {
        String field = "notifications.webhook.headers";
        if (in == null) {
            return stored;
        }
        Map<String, String> out = new LinkedHashMap<>();
        in.forEach((name, value) -> {
            if (name == null || name.isBlank()) {
                throw ApiException.badRequest(field + " must not have an empty name");
            }
            String v = value == null ? "" : value;
            if (SecretBox.MASK.equals(v)) {
                String kept = stored.get(name);
                if (kept == null) {
                    throw ApiException.badRequest(field + "." + name + ": the masked value keeps a stored value,"
                            + " but none is stored under this name; send the value");
                }
                out.put(name.trim(), kept);
            } else {
                out.put(name.trim(), v.isEmpty() ? v : seal(v, field + "." + name));
            }
        });
        return out;
    }

    /** The stored SMTP password: encrypted; 400 without a key. */
    public String sealSetting(String value, String field) {
        return seal(value, field);
    }

    private String seal(String clear, String field) {
        try {
            return secrets.seal(clear);
        } catch (SecretException e) {
            throw ApiException.badRequest(
                    field + ": cannot be stored because no encryption key is configured;" + " set " + SecretBox.ENV
                            + " (base64 of 32 random bytes) on the admin UI, dispatch-worker and" + " health-monitor");
        }
    }
}
