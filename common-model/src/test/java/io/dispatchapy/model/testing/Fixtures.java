package io.dispatchapy.model.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import io.dispatchapy.model.token.Tokens;

/** Configuration rows written straight to the database, for tests of services that only read them. */
public final class Fixtures {
    private final DataSource dataSource;

    public Fixtures(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long resource(String name, String url) {
        return insert("INSERT INTO resource (name, url) VALUES (?, ?) RETURNING id", name, url);
    }

    /** An endpoint whose failover list is {@code resourceIds} in that order. */
    public long endpoint(String path, List<String> requiredParams, long... resourceIds) {
        long id = insert("INSERT INTO endpoint (path, required_params) VALUES (?, ?::jsonb) RETURNING id", path,
                toJsonArray(requiredParams));
        for (int i = 0; i < resourceIds.length; i++) {
            exec("INSERT INTO endpoint_resource (endpoint_id, resource_id, position) VALUES (?, ?, ?)", id,
                    resourceIds[i], i);
        }
        return id;
    }

    /** A client with this token, linked to the endpoints. */
    public long client(String name, String token, long... endpointIds) {
        long id = insert("INSERT INTO client (name, token_hash, token_prefix) VALUES (?, ?, ?) RETURNING id", name,
                Tokens.hash(token), Tokens.visiblePrefix(token));
        for (long e : endpointIds) {
            exec("INSERT INTO client_endpoint (client_id, endpoint_id) VALUES (?, ?)", id, e);
        }
        return id;
    }

    public void mapping(long endpointId, long resourceId, String targetKey, String type, String value) {
        exec("INSERT INTO mapping_rule (endpoint_id, resource_id, target_key, source_type, source_value) "
                + "VALUES (?, ?, ?, ?, ?)", endpointId, resourceId, targetKey, type, value);
    }

    public void setting(String key, String value) {
        exec("UPDATE setting SET value = ? WHERE key = ?", value, key);
    }

    /** Runs any statement, e.g. to flip a flag the fixtures above do not cover. */
    public void exec(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of the first row, or null. */
    public Object queryValue(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public long count(String sql, Object... args) {
        return ((Number) queryValue(sql, args)).longValue();
    }

    private long insert(String sql, Object... args) {
        return ((Number) queryValue(sql, args)).longValue();
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    private static String toJsonArray(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(values.get(i).replace("\"", "\\\"")).append('"');
        }
        return sb.append(']').toString();
    }
}
