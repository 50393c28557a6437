package io.dispatchapy.gateway.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.dispatchapy.model.queue.QueueException;

/**
 * Finds the endpoint and the calling client of an ingestion request in one round trip. The client is the one whose
 * current token matches, or else whose previous token matches and is still within its grace period.
 */
@ApplicationScoped
public class RouteLookup {
    private static final String SQL = """
            SELECT e.id, e.path, e.required_params::text, e.dev_mode AND e.dev_hold_tasks,
                   c.id, c.name, c.dev_hold_tasks,
                   c.id IS NOT NULL AND (c.legacy_endpoint_id = e.id OR EXISTS (
                       SELECT 1 FROM client_endpoint ce WHERE ce.client_id = c.id AND ce.endpoint_id = e.id)),
                   c.rate_limit_per_second, c.rate_limit_burst
            FROM endpoint e LEFT JOIN client c ON c.id = (""" + ClientTokenSql.CLIENT_ID_BY_TOKEN + """
            )
            WHERE e.path = ? AND e.active""";

    private final DataSource dataSource;
    private final ObjectMapper json;

    public RouteLookup(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public Optional<Route> find(String path, String tokenHash) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setString(1, tokenHash);
            ps.setString(2, tokenHash);
            ps.setString(3, path);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Route(rs.getLong(1), rs.getString(2), params(rs.getString(3)), rs.getBoolean(4),
                        (Long) rs.getObject(5), rs.getString(6), rs.getBoolean(7), rs.getBoolean(8),
                        (Integer) rs.getObject(9), (Integer) rs.getObject(10)));
            }
        } catch (SQLException e) {
            throw new QueueException("Could not look up the endpoint", e);
        }
    }

    private List<String> params(String text) {
        List<String> out = new ArrayList<>();
        try {
            for (JsonNode n : json.readTree(text)) {
                out.add(n.asText());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Bad required_params in the database", e);
        }
        return out;
    }
}
