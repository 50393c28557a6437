package io.dispatchapy.model.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;

/**
 * Encrypts secrets at rest with AES-256-GCM: a random 12-byte IV per value, stored as
 * {@code enc:v1:<keyId>:<base64(iv + ciphertext + tag)>}. The key id says which key sealed a value, so values sealed
 * with a previous key ({@link SecretConfig#keyPrevious()}) still open and can be re-sealed with the current one. A
 * value without the {@code enc:} prefix is a clear value stored before encryption and is answered as it is.
 */
@ApplicationScoped
public class SecretBox {
    /** What answers show instead of a secret; sending it back keeps the stored value. */
    public static final String MASK = "********";
    public static final String ENV = "DISPATCHAPY_SECRET_KEY";
    static final String PREFIX = "enc:";
    private static final String V1 = PREFIX + "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final Optional<SecretKeys> current;
    private final Map<String, SecretKeys> all = new LinkedHashMap<>();

    @Inject
    public SecretBox(SecretConfig config) {
        this(config.key().filter(k -> !k.isBlank()).orElse(null), config.keyPrevious().orElse(List.of()));
    }

    /** For code that runs without CDI (and tests): the current key (null for none) and former keys. */
    public SecretBox(String key, List<String> previous) {
        this.current = Optional.ofNullable(key).map(k -> SecretKeys.parse(k, ENV));
        current.ifPresent(k -> all.put(k.id(), k));
        List<String> former = new ArrayList<>(previous);
        for (int i = 0; i < former.size(); i++) {
            if (!former.get(i).isBlank()) {
                SecretKeys k = SecretKeys.parse(former.get(i), ENV + "_PREVIOUS (entry " + (i + 1) + ")");
                all.putIfAbsent(k.id(), k);
            }
        }
    }

    /** Makes a wrong key fail the start instead of the first secret. */
    void onStart(@Observes StartupEvent event) {
        // the constructor has validated the keys
    }

    /** Whether secrets can be saved. */
    public boolean enabled() {
        return current.isPresent();
    }

    /** The id of the current key, or empty. */
    public Optional<String> currentKeyId() {
        return current.map(SecretKeys::id);
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** Encrypts with the current key; {@link SecretException} when no key is configured. */
    public String seal(String clear) {
        SecretKeys k = current.orElseThrow(() -> new SecretException(
                "Secrets cannot be saved: no encryption key is configured (set " + ENV + ")"));
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, k.key(), new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = c.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return V1 + k.id() + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new SecretException("Encryption failed: " + e.getClass().getSimpleName());
        }
    }

    /** The clear value; a value that is not sealed comes back as it is. Never answers the ciphertext. */
    public String open(String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        String[] parts = stored.split(":", 4);
        if (parts.length != 4 || !"v1".equals(parts[1])) {
            throw new SecretException("Stored secret has an unknown format");
        }
        SecretKeys k = all.get(parts[2]);
        if (k == null) {
            throw new SecretException("Stored secret was encrypted with key " + parts[2] + ", which is not configured ("
                    + ENV + " / " + ENV + "_PREVIOUS)");
        }
        try {
            byte[] in = Base64.getDecoder().decode(parts[3]);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, k.key(), new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            return new String(c.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new SecretException(
                    "Stored secret could not be decrypted with key " + parts[2] + " (damaged value or wrong key)");
        }
    }

    /** Whether the value is sealed with the current key already. */
    public boolean sealedWithCurrent(String stored) {
        return isSealed(stored) && current.isPresent() && stored.startsWith(V1 + current.get().id() + ":");
    }

    /** The value sealed with the current key (opening it with any known key first). */
    public String reseal(String stored) {
        return seal(open(stored));
    }

    /** Each value opened; {@link SecretException} names the header that failed (never its value). */
    public Map<String, String> openAll(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            try {
                out.put(name, open(value));
            } catch (SecretException e) {
                throw new SecretException("Header " + name + ": " + e.getMessage());
            }
        });
        return out;
    }
}
