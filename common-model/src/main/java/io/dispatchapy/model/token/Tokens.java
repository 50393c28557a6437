package io.dispatchapy.model.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Client tokens: generated like the seed's ({@code dpy_} + 32 random bytes, URL-safe base64), stored only as a SHA-256
 * hash. A fast hash is enough because tokens carry 256 bits of randomness; seed tokens imported as they are hash the
 * same way, so existing clients keep working.
 */
public final class Tokens {
    public static final String PREFIX = "dpy_";
    private static final int VISIBLE_CHARS = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The short, harmless part of a token shown in lists to recognise it. */
    public static String visiblePrefix(String token) {
        return token.substring(0, Math.min(VISIBLE_CHARS, token.length()));
    }
}
