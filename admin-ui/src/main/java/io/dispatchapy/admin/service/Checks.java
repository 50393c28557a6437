package io.dispatchapy.admin.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;

/** Small validation helpers; each failure is a 400 naming the field. */
public final class Checks {
    private Checks() {
    }

    /** A trimmed, non-empty text of at most {@code max} characters. */
    public static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        return maxLength(value.trim(), field, max);
    }

    /** A text of at most {@code max} characters, or null; blank becomes null. */
    public static String optional(String value, String field, int max) {
        return value == null || value.isBlank() ? null : maxLength(value.trim(), field, max);
    }

    public static String maxLength(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw ApiException.badRequest(field + " must be at most " + max + " characters");
        }
        return value;
    }

    public static String httpUrl(String value, String field) {
        String url = required(value, field, 2000);
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw ApiException.badRequest(field + " must be an http(s) URL");
    }

    /** One of {@code allowed} (compared exactly); {@code message} is the detail on failure. */
    public static String oneOf(String value, Collection<String> allowed, String message) {
        if (value == null || !allowed.contains(value)) {
            throw ApiException.badRequest(message);
        }
        return value;
    }

    public static int atLeast(int value, int min, String field) {
        if (value < min) {
            throw ApiException.badRequest(field + " must be >= " + min);
        }
        return value;
    }

    public static int between(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw ApiException.badRequest(field + " must be between " + min + " and " + max);
        }
        return value;
    }

    public static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
