package io.dispatchapy.admin.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.MultivaluedMap;

/** A submitted form whose CSRF token matched the session's; typed readers for its fields. */
public final class Form {
    public static final String CSRF_FIELD = "_csrf";

    private final MultivaluedMap<String, String> values;

    private Form(MultivaluedMap<String, String> values) {
        this.values = values;
    }

    /** Checks the hidden {@value #CSRF_FIELD} field against the session (constant time); 403 when it differs. */
    public static Form checked(MultivaluedMap<String, String> values, UiSession session) {
        String sent = values == null ? null : values.getFirst(CSRF_FIELD);
        if (!tokenMatches(sent, session.csrfToken())) {
            throw new UiException(403, "The form has expired or did not come from this site (CSRF token missing or "
                    + "invalid). Reload the page and try again.");
        }
        return new Form(values);
    }

    public static boolean tokenMatches(String sent, String expected) {
        return sent != null && expected != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    /** The trimmed value, or null when absent or blank. */
    public String get(String name) {
        String v = values.getFirst(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The value exactly as sent (empty string when absent). */
    public String raw(String name) {
        String v = values.getFirst(name);
        return v == null ? "" : v;
    }

    public boolean bool(String name) {
        String v = get(name);
        return v != null && (v.equals("on") || v.equals("true") || v.equals("1"));
    }

    /** Every value of a repeated field, in order (absent: empty). */
    public List<String> list(String name) {
        List<String> v = values.get(name);
        return v == null ? List.of() : v;
    }

    public Integer integer(String name, String label) {
        String v = get(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw new FieldError(name, label + " must be a whole number");
        }
    }

    public List<Long> ids(String name) {
        List<Long> out = new ArrayList<>();
        for (String v : list(name)) {
            if (v != null && !v.isBlank()) {
                try {
                    out.add(Long.valueOf(v.trim()));
                } catch (NumberFormatException e) {
                    throw new FieldError(name, "Invalid id '" + v + "'");
                }
            }
        }
        return out;
    }

    /** Non-blank lines of a textarea. */
    public List<String> lines(String name) {
        String v = get(name);
        if (v == null) {
            return List.of();
        }
        return v.lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A validation failure of one field, shown next to it. */
    public static class FieldError extends RuntimeException {
        private final String field;

        public FieldError(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
