package io.dispatchapy.admin.rest;

import java.util.List;

/** One page of audit entries, newest first; {@code page} is 0-based. */
public record AuditPageDto(List<AuditEntryDto> items, long total, int page, int size) {
}
