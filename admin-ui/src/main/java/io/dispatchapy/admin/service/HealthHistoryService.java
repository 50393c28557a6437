package io.dispatchapy.admin.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.admin.rest.HealthHistoryDto;
import io.dispatchapy.admin.rest.HealthHistoryDto.Check;
import io.dispatchapy.admin.rest.HealthHistoryDto.StatusChange;
import io.dispatchapy.admin.rest.HealthHistoryDto.Window;

/** Reads a resource's health history with uptime and latency figures. */
@ApplicationScoped
public class HealthHistoryService {
    private static final String CHECKS = """
            SELECT id, created_at, method, trigger, success, status_code, latency_ms, detail, notification_status
            FROM health_check WHERE resource_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?""";
    private static final String CHANGES = """
            SELECT created_at, from_status, to_status, reason, detail FROM resource_status_change
            WHERE resource_id = ? ORDER BY created_at DESC, id DESC LIMIT 50""";
    private static final String WINDOW = """
            SELECT count(*), 100.0 * avg(CASE WHEN success THEN 1 ELSE 0 END), avg(latency_ms),
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)
            FROM health_check WHERE resource_id = ? AND created_at > now() - make_interval(hours => ?)""";

    private final DataSource dataSource;

    public HealthHistoryService(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public HealthHistoryDto history(long resourceId, int page, int size) {
        if (page < 0 || size < 1) {
            throw ApiException.badRequest("page must be >= 0 and size >= 1");
        }
        int limit = Math.min(size, 500);
        try (Connection c = dataSource.getConnection()) {
            String status = status(c, resourceId);
            List<Check> checks = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(CHECKS)) {
                ps.setLong(1, resourceId);
                ps.setInt(2, limit);
                ps.setLong(3, (long) page * limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        checks.add(new Check(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                                rs.getString(4), rs.getBoolean(5), (Integer) rs.getObject(6), (Integer) rs.getObject(7),
                                rs.getString(8), rs.getString(9)));
                    }
                }
            }
            long total = count(c, resourceId);
            return new HealthHistoryDto(resourceId, status, checks, total, page, limit, changes(c, resourceId),
                    window(c, resourceId, 24), window(c, resourceId, 24 * 7));
        } catch (SQLException e) {
            throw new ApiException(503, "Database unavailable: " + e.getMessage());
        }
    }

    private static String status(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM resource WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ApiException.notFound("Resource " + id + " not found");
                }
                return rs.getString(1);
            }
        }
    }

    private static long count(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM health_check WHERE resource_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<StatusChange> changes(Connection c, long id) throws SQLException {
        List<StatusChange> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CHANGES)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StatusChange(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5)));
                }
            }
        }
        return out;
    }

    private static Window window(Connection c, long id, int hours) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(WINDOW)) {
            ps.setLong(1, id);
            ps.setInt(2, hours);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long n = rs.getLong(1);
                return new Window(n, n == 0 ? null : rs.getDouble(2), n == 0 ? null : rs.getDouble(3),
                        n == 0 ? null : rs.getDouble(4));
            }
        }
    }
}
