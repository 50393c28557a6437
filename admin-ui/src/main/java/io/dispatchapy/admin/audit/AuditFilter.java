package io.dispatchapy.admin.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import io.dispatchapy.admin.service.ApiException;

/** What to show of the audit log; blank filters match everything. {@code page} is 0-based. */
public record AuditFilter(String entityType, String entityId, String actor, Instant since, int page, int size) {

    public static final int MAX_PAGE_SIZE = 500;

    public AuditFilter {
        entityType = blankToNull(entityType);
        entityId = blankToNull(entityId);
        actor = blankToNull(actor);
        if (page < 0) {
            throw ApiException.badRequest("page must be >= 0");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.badRequest("size must be between 1 and " + MAX_PAGE_SIZE);
        }
        if (page > 1_000_000) {
            throw ApiException.badRequest("page is too large");
        }
    }

    /** Parses {@code since}: an ISO instant ({@code 2026-12-03T10:00:00Z}) or a date (midnight UTC). */
    public static Instant since(String value) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        try {
            return v.length() <= 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("since must be an ISO date (2026-12-03) or instant (2026-12-03T10:00:00Z)");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
