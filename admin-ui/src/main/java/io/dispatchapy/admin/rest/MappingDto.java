package io.dispatchapy.admin.rest;

import io.dispatchapy.model.entity.MappingRule;

/** One mapped key of the payload sent to one resource. */
public record MappingDto(Long resourceId, String targetKey, Source source) {

    /** Where the value comes from: {@code field}, {@code uuid}, {@code constant} or {@code template}. */
    public record Source(String type, String value) {
    }

    public static MappingDto from(MappingRule m) {
        return new MappingDto(m.resourceId, m.targetKey, new Source(m.sourceType, m.sourceValue));
    }
}
