package io.dispatchapy.admin.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.dispatchapy.admin.rest.AuditEntryDto;
import io.dispatchapy.admin.rest.AuditPageDto;

/** Reads the audit log, newest first, with the filters of {@link AuditFilter}. */
@ApplicationScoped
public class AuditSearch {
    private static final String COLUMNS = "id, at, actor, source, ip, action, entity_type, entity_id, summary, "
            + "before::text, after::text";

    private final DataSource dataSource;
    private final ObjectMapper mapper;

    public AuditSearch(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    public AuditPageDto search(AuditFilter f) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        try (Connection c = dataSource.getConnection()) {
            long total = count(c, where, params);
            List<AuditEntryDto> items = new ArrayList<>();
            String sql = "SELECT " + COLUMNS + " FROM audit_log" + where
                    + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = bind(ps, params);
                ps.setInt(i++, f.size());
                ps.setLong(i, (long) f.page() * f.size());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(row(rs));
                    }
                }
            }
            return new AuditPageDto(items, total, f.page(), f.size());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the audit log", e);
        }
    }

    public Optional<AuditEntryDto> get(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_log WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the audit log", e);
        }
    }

    private static String where(AuditFilter f, List<Object> params) {
        List<String> clauses = new ArrayList<>();
        if (f.entityType() != null) {
            clauses.add("entity_type = ?");
            params.add(f.entityType());
        }
        if (f.entityId() != null) {
            clauses.add("entity_id = ?");
            params.add(f.entityId());
        }
        if (f.actor() != null) {
            clauses.add("actor = ?");
            params.add(f.actor());
        }
        if (f.since() != null) {
            clauses.add("at >= ?");
            params.add(Timestamp.from(f.since()));
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    private static long count(Connection c, String where, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit_log" + where)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int bind(PreparedStatement ps, List<Object> params) throws SQLException {
        int i = 1;
        for (Object p : params) {
            ps.setObject(i++, p);
        }
        return i;
    }

    private AuditEntryDto row(ResultSet rs) throws SQLException {
        return new AuditEntryDto(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                json(rs.getString(10)), json(rs.getString(11)));
    }

    private JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable audit snapshot", e);
        }
    }
}
