package io.dispatchapy.admin.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.admin.config.AdminConfig;

/** Checks admin credentials; the comparison takes the same time whatever the guess. */
@ApplicationScoped
public class AdminAuth {
    private final AdminConfig config;

    public AdminAuth(AdminConfig config) {
        this.config = config;
    }

    /** True when the {@code Authorization} header carries HTTP Basic credentials with the admin password. */
    public boolean acceptsBasic(String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("basic ")) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon >= 0 && isPassword(decoded.substring(colon + 1));
    }

    /** Constant-time comparison with the configured password (both sides hashed, so lengths do not leak). */
    public boolean isPassword(String candidate) {
        return MessageDigest.isEqual(sha256(candidate), sha256(config.password()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
