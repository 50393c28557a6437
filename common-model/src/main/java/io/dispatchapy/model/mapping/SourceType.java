package io.dispatchapy.model.mapping;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where the value of one mapped key comes from. */
public enum SourceType {
    /** A dot path into the incoming payload; the JSON type is kept. */
    FIELD,
    /** A fresh UUID on every attempt. */
    UUID,
    /** A fixed text. */
    CONSTANT,
    /** Text with {@code {path}} placeholders filled from the incoming payload. */
    TEMPLATE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SourceType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
    }
}
