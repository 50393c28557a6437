package io.dispatchapy.model.mapping;

/** One key of an outgoing payload: {@code targetKey} (a dot path) filled from a source. */
public record MappingSpec(String targetKey, SourceType type, String value) {
}
