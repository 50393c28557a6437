package io.dispatchapy.admin.ui;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Validation messages by form field, for showing each next to its input. A service message is placed on the field its
 * text starts with (the services name the field first); anything else goes to {@value #FORM}.
 */
public final class FieldErrors {
    public static final String FORM = "form";
    private static final FieldErrors NONE = new FieldErrors(Map.of());

    private final Map<String, String> byField;

    private FieldErrors(Map<String, String> byField) {
        this.byField = byField;
    }

    public static FieldErrors none() {
        return NONE;
    }

    public static FieldErrors of(String field, String message) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(field, message);
        return new FieldErrors(m);
    }

    /** Places {@code message} on the field whose prefix (longest first) it starts with. */
    public static FieldErrors place(String message, Map<String, String> prefixToField) {
        String field = prefixToField.entrySet().stream().sorted(Comparator.comparingInt(e -> -e.getKey().length()))
                .filter(e -> message.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(FORM);
        return of(field, message);
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public String of(String field) {
        return byField.get(field);
    }

    public boolean any() {
        return !byField.isEmpty();
    }
}
