package io.dispatchapy.admin.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.dispatchapy.model.entity.Resource;
import io.dispatchapy.model.entity.Setting;
import io.dispatchapy.model.secret.SecretBox;
import io.dispatchapy.model.secret.SecretException;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;

/**
 * Re-encrypts every stored secret with the current key, reading them with the current and previous keys: secret
 * resource headers, all webhook header values and the SMTP password (clear values stored before encryption existed are
 * encrypted too, except plain resource headers, which are not secret). A value no configured key can read is left as it
 * is and reported; everything else is rotated in one transaction.
 */
@ApplicationScoped
public class SecretRotationService {
    static final String SMTP_PASSWORD = "smtp.password";

    private final SecretBox box;

    public SecretRotationService(SecretBox box) {
        this.box = box;
    }

    /** What a rotation did; {@code failed} names each unreadable value (never the value). */
    public record Result(String keyId, int reencrypted, int alreadyCurrent, List<String> failed) {
    }

    @Transactional
    public Result rotate() {
        if (!box.enabled()) {
            throw ApiException.badRequest("No encryption key is configured: set " + SecretBox.ENV
                    + " (and the old key in " + SecretBox.ENV + "_PREVIOUS) to rotate");
        }
        Counter c = new Counter();
        for (Resource r : Resource.<Resource> listAll(Sort.by("id"))) {
            String where = "resource '" + r.name + "'";
            r.headers = rotate(r.headers, false, where + " header ", c);
            r.webhookHeaders = rotate(r.webhookHeaders, true, where + " webhook header ", c);
        }
        Setting password = Setting.findById(SMTP_PASSWORD);
        if (password != null && password.value != null && !password.value.isEmpty()) {
            password.value = rotate(password.value, "setting " + SMTP_PASSWORD, c);
        }
        Result result = new Result(box.currentKeyId().orElseThrow(), c.reencrypted, c.current, c.failed);
        Log.infof("Secrets re-encrypted with key %s: %d re-encrypted, %d already current, %d unreadable",
                result.keyId(), result.reencrypted(), result.alreadyCurrent(), result.failed().size());
        return result;
    }

    private Map<String, String> rotate(Map<String, String> values, boolean all, String where, Counter c) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            boolean secret = value != null && !value.isEmpty() && (all || SecretBox.isSealed(value));
            out.put(name, secret ? rotate(value, where + name, c) : value);
        });
        return out;
    }

    private String rotate(String stored, String where, Counter c) {
        if (box.sealedWithCurrent(stored)) {
            c.current++;
            return stored;
        }
        try {
            String fresh = box.reseal(stored);
            c.reencrypted++;
            return fresh;
        } catch (SecretException e) {
            c.failed.add(where + ": " + e.getMessage());
            return stored;
        }
    }

    private static final class Counter {
        int reencrypted;
        int current;
        final List<String> failed = new ArrayList<>();
    }
}
