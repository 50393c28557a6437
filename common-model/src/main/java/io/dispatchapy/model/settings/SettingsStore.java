package io.dispatchapy.model.settings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.queue.QueueException;

/** Reads and writes the key/value {@code setting} table. */
@ApplicationScoped
public class SettingsStore {
    private final DataSource dataSource;

    public SettingsStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Map<String, String> all() {
        Map<String, String> values = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT key, value FROM setting ORDER BY key");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getString(2));
            }
            return values;
        } catch (SQLException e) {
            throw new QueueException("Could not read settings", e);
        }
    }

    public RuntimeSettings runtime() {
        return RuntimeSettings.from(all());
    }

    /** Writes the given keys (null values clear them) in one transaction. */
    public void putAll(Map<String, String> values) {
        String sql = "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value";
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Map.Entry<String, String> e : values.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setString(2, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new QueueException("Could not save settings", e);
        }
    }
}
