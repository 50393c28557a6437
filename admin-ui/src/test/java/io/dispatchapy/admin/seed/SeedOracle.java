package io.dispatchapy.admin.seed;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the original sent a resource (SPEC §4.4, steps 5-7), computed straight from the seed database: its parameter
 * rules of the (endpoint, resource) pair in id order into a Python dict, then {@code _raw}. Dev overrides are not
 * modelled, so use it for endpoints and clients without dev rules.
 */
final class SeedOracle {
    private SeedOracle() {
    }

    static ObjectNode sent(Path seed, String endpointPath, String resourceName, ObjectNode payload,
            Supplier<String> uuids) throws SQLException {
        ObjectNode target = JsonNodeFactory.instance.objectNode();
        String sql = """
                SELECT r.target_key, r.source_type, r.source_value FROM parameter_rules r
                JOIN endpoints e ON e.id = r.endpoint_id JOIN resources s ON s.id = r.resource_id
                WHERE e.path = ? AND s.name = ? ORDER BY r.id""";
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + seed);
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, endpointPath);
            ps.setString(2, resourceName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    if ("from_source".equals(rs.getString(2))) {
                        var v = payload.get(rs.getString(3));
                        if (v != null && !v.isNull()) {
                            target.set(key, v.deepCopy());
                        }
                    } else if ("generate_uuid".equals(rs.getString(2))) {
                        target.put(key, uuids.get());
                    }
                }
            }
        }
        target.set("_raw", payload.deepCopy());
        return target;
    }
}
