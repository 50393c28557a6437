package io.dispatchapy.gateway.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.queue.QueueException;
import io.dispatchapy.model.token.Tokens;

/** A client's view of its own tasks; other clients' tasks do not exist for it. */
@ApplicationScoped
public class TaskStatusService {
    private static final String SQL = """
            SELECT t.id, t.status, t.attempts, t.max_attempts, t.created_at, t.updated_at, t.resource_name,
                   t.last_error, t.ref, t.scope
            FROM task t JOIN client c ON c.id = t.client_id
            WHERE t.id = ? AND c.id = (""" + ClientTokenSql.CLIENT_ID_BY_TOKEN + ")";

    private final DataSource dataSource;

    public TaskStatusService(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<TaskStatusView> find(long taskId, Optional<String> token) {
        String hash = Tokens.hash(token.orElseThrow(() -> new ApiError(401, "API token is missing")));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setLong(1, taskId);
            ps.setString(2, hash);
            ps.setString(3, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    requireKnownClient(c, hash);
                    return Optional.empty();
                }
                return Optional.of(new TaskStatusView(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10)));
            }
        } catch (SQLException e) {
            throw new QueueException("Could not read the task", e);
        }
    }

    private static void requireKnownClient(Connection c, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ClientTokenSql.CLIENT_ID_BY_TOKEN)) {
            ps.setString(1, hash);
            ps.setString(2, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ApiError(403, "Invalid API token");
                }
            }
        }
    }
}
