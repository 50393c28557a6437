package io.dispatchapy.gateway.service;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the client token in a request the way the seed did, so its clients work unchanged: {@code X-API-Token} first,
 * then the first non-empty of {@code token}, {@code access_token}, {@code access-token}, {@code x_api_token} and
 * {@code Authorization} ({@code Bearer <t>} or the raw value).
 */
public final class TokenHeaders {
    private static final List<String> FALLBACKS = List.of("token", "access_token", "access-token", "x_api_token",
            "authorization");

    private TokenHeaders() {
    }

    /**
     * @param header
     *            looks a header up by name, case-insensitively; null when absent
     */
    public static Optional<String> find(Function<String, String> header) {
        String primary = header.apply("X-API-Token");
        if (primary != null && !primary.isBlank()) {
            return Optional.of(primary.trim());
        }
        for (String name : FALLBACKS) {
            String value = header.apply(name);
            if (value != null && !value.isBlank()) {
                String v = value.trim();
                if (name.equals("authorization") && v.regionMatches(true, 0, "Bearer ", 0, 7)) {
                    v = v.substring(7).trim();
                }
                return v.isEmpty() ? Optional.empty() : Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
