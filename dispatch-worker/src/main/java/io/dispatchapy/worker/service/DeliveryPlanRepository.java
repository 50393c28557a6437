package io.dispatchapy.worker.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.dispatchapy.model.dev.DevRuleSpec;
import io.dispatchapy.model.mapping.MappingSpec;
import io.dispatchapy.model.mapping.SourceType;
import io.dispatchapy.model.queue.QueueException;

/** Reads an endpoint's delivery configuration (three small queries on one connection). */
@ApplicationScoped
public class DeliveryPlanRepository {
    private static final String ENDPOINT = """
            SELECT e.dev_mode AND e.dev_rules_enabled, c.dev_rules_enabled
            FROM endpoint e LEFT JOIN client c ON c.id = ? WHERE e.id = ?""";
    private static final String TARGETS = """
            SELECT r.id, r.name, r.url, r.method, r.body_format, r.headers::text, r.timeout_ms, r.include_raw,
                   r.active AND r.status = 'UP'
            FROM endpoint_resource er JOIN resource r ON r.id = er.resource_id
            WHERE er.endpoint_id = ? ORDER BY er.position""";
    private static final String MAPPINGS = """
            SELECT resource_id, target_key, source_type, source_value FROM mapping_rule
            WHERE endpoint_id = ? ORDER BY resource_id, position, id""";
    private static final String RULES = """
            SELECT client_id IS NOT NULL, condition_param, condition_value, target_param, override_value
            FROM dev_rule WHERE active AND ((client_id IS NULL AND endpoint_id = ? AND ?)
                OR (client_id = ? AND ? AND (endpoint_id IS NULL OR endpoint_id = ?)))
            ORDER BY position, id""";
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final ObjectMapper json;

    public DeliveryPlanRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The plan, or empty when the endpoint no longer exists. */
    public Optional<DeliveryPlan> load(Long endpointId, Long clientId) {
        if (endpointId == null) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            boolean endpointRules;
            boolean clientRules;
            try (PreparedStatement ps = c.prepareStatement(ENDPOINT)) {
                ps.setObject(1, clientId, java.sql.Types.BIGINT);
                ps.setLong(2, endpointId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    endpointRules = rs.getBoolean(1);
                    clientRules = rs.getBoolean(2);
                }
            }
            Map<Long, List<MappingSpec>> mappings = mappings(c, endpointId);
            List<DevRuleSpec> fromClient = new ArrayList<>();
            List<DevRuleSpec> fromEndpoint = new ArrayList<>();
            rules(c, endpointId, endpointRules, clientId, clientRules, fromClient, fromEndpoint);
            return Optional.of(new DeliveryPlan(targets(c, endpointId, mappings), fromClient, fromEndpoint));
        } catch (SQLException e) {
            throw new QueueException("Could not load the delivery configuration", e);
        }
    }

    private List<Target> targets(Connection c, long endpointId, Map<Long, List<MappingSpec>> mappings)
            throws SQLException {
        List<Target> targets = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(TARGETS)) {
            ps.setLong(1, endpointId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    targets.add(new Target(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            headers(rs.getString(6)), Duration.ofMillis(rs.getInt(7)), rs.getBoolean(8),
                            rs.getBoolean(9), mappings.getOrDefault(id, List.of())));
                }
            }
        }
        return targets;
    }

    private Map<Long, List<MappingSpec>> mappings(Connection c, long endpointId) throws SQLException {
        Map<Long, List<MappingSpec>> byResource = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(MAPPINGS)) {
            ps.setLong(1, endpointId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Optional<SourceType> type = SourceType.fromWire(rs.getString(3));
                    if (type.isPresent()) {
                        byResource.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                                .add(new MappingSpec(rs.getString(2), type.get(), rs.getString(4)));
                    }
                }
            }
        }
        return byResource;
    }

    private static void rules(Connection c, long endpointId, boolean endpointRules, Long clientId, boolean clientRules,
            List<DevRuleSpec> fromClient, List<DevRuleSpec> fromEndpoint) throws SQLException {
        if (!endpointRules && !clientRules) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(RULES)) {
            ps.setLong(1, endpointId);
            ps.setBoolean(2, endpointRules);
            ps.setObject(3, clientId, java.sql.Types.BIGINT);
            ps.setBoolean(4, clientRules);
            ps.setLong(5, endpointId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DevRuleSpec rule = new DevRuleSpec(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5));
                    (rs.getBoolean(1) ? fromClient : fromEndpoint).add(rule);
                }
            }
        }
    }

    private Map<String, String> headers(String text) {
        try {
            Map<String, String> h = json.readValue(text, HEADERS);
            return h == null ? Map.of() : new LinkedHashMap<>(h);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
