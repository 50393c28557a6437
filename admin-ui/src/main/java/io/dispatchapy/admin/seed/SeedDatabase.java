package io.dispatchapy.admin.seed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.sqlite.SQLiteConfig;

/**
 * The original Dispatchapy's SQLite database ({@code data/dispatchapy.db}), opened read-only. Columns are read by name
 * and a column that an old version of the original never added reads as null, so every schema generation imports.
 */
public final class SeedDatabase implements AutoCloseable {
    /** Tables without which the file is not a Dispatchapy database. */
    static final List<String> REQUIRED = List.of("resources", "endpoints", "clients");

    private final Connection connection;
    private final Set<String> tables;

    private SeedDatabase(Connection connection, Set<String> tables) {
        this.connection = connection;
        this.tables = tables;
    }

    /** Opens the file; a {@link SeedImportException} says why it cannot be used. */
    public static SeedDatabase open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SeedImportException("No such file: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new SeedImportException("Cannot read " + file);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
            Set<String> tables = new TreeSet<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            List<String> missing = REQUIRED.stream().filter(t -> !tables.contains(t)).toList();
            if (!missing.isEmpty()) {
                throw new SeedImportException(file + " is not a database of the original Dispatchapy (no table "
                        + String.join(", ", missing) + ")");
            }
            return new SeedDatabase(c, tables);
        } catch (SQLException e) {
            close(c);
            throw new SeedImportException(
                    file + " is not a SQLite database of the original Dispatchapy: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(c);
            throw e;
        }
    }

    public boolean has(String table) {
        return tables.contains(table);
    }

    /** Every row of the table in id order (rowid order when it has no id), or none when the table does not exist. */
    public List<SeedRow> rows(String table) {
        if (!has(table)) {
            return List.of();
        }
        List<SeedRow> out = new ArrayList<>();
        String order = columns(table).contains("id") ? "id" : "rowid";
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY " + order)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    values.put(meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
                }
                out.add(new SeedRow(table, values));
            }
        } catch (SQLException e) {
            throw new SeedImportException("Could not read table " + table + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The column names of a table, lower case. */
    public Set<String> columns(String table) {
        Set<String> names = new TreeSet<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA table_info(\"" + table + "\")")) {
            while (rs.next()) {
                names.add(rs.getString("name").toLowerCase(java.util.Locale.ROOT));
            }
        } catch (SQLException e) {
            throw new SeedImportException("Could not read the columns of " + table + ": " + e.getMessage(), e);
        }
        return names;
    }

    @Override
    public void close() {
        close(connection);
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // read-only: nothing to lose
            }
        }
    }
}
