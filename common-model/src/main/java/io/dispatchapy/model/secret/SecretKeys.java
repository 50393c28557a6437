package io.dispatchapy.model.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** One AES-256 key and its short id (the first 8 hex digits of the SHA-256 of the key), which stored values name. */
record SecretKeys(String id, SecretKey key) {
    static final int KEY_BYTES = 32;

    /** Parses a configured key; the message of the exception names the setting and never contains the value. */
    static SecretKeys parse(String base64, String setting) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim().getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is not valid base64 (expected base64 of " + KEY_BYTES
                    + " random bytes, e.g. from 'openssl rand -base64 32')");
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException(setting + " decodes to " + raw.length + " bytes; it must be base64 of "
                    + KEY_BYTES + " random bytes (e.g. from 'openssl rand -base64 32')");
        }
        return new SecretKeys(idOf(raw), new SecretKeySpec(raw, "AES"));
    }

    static String idOf(byte[] raw) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(raw);
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
