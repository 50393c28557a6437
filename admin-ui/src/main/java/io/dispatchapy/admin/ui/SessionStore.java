package io.dispatchapy.admin.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Server-side sessions in the {@code ui_session} table, so every replica sees them. The cookie carries 256 random bits;
 * only their SHA-256 is stored. Expiry slides with use (written at most once a minute per session) up to an absolute
 * limit after sign-in; logout deletes the row, so the old cookie is worthless.
 */
@ApplicationScoped
public class SessionStore {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long TOUCH_EVERY_SECONDS = 60;

    private final DataSource dataSource;
    private final UiConfig config;

    public SessionStore(DataSource dataSource, UiConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Starts a session and answers the raw id for the cookie. Times come from the database clock. */
    public String create(String kind, Long clientId) {
        String raw = randomToken();
        String sql = "INSERT INTO ui_session (id_hash, kind, client_id, csrf_token, created_at, last_seen_at, "
                + "expires_at) VALUES (?, ?, ?, ?, now(), now(), now() + make_interval(secs => ?))";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, hash(raw));
            ps.setString(2, kind);
            if (clientId == null) {
                ps.setNull(3, Types.BIGINT);
            } else {
                ps.setLong(3, clientId);
            }
            ps.setString(4, randomToken());
            ps.setLong(5,
                    Math.min(config.sessionIdleTimeout().toSeconds(), config.sessionAbsoluteTimeout().toSeconds()));
            ps.executeUpdate();
            purgeExpired(c);
            return raw;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the session", e);
        }
    }

    /** The live session of a cookie value, its expiry pushed forward; empty when unknown or expired. */
    public Optional<UiSession> find(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 100) {
            return Optional.empty();
        }
        String sql = "SELECT s.id_hash, s.kind, s.client_id, c.name, s.csrf_token, s.last_seen_at < now() - make_interval(secs => ?) FROM ui_session s "
                + "LEFT JOIN client c ON c.id = s.client_id WHERE s.id_hash = ? AND s.expires_at > now() "
                + "AND s.created_at > now() - make_interval(secs => ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, TOUCH_EVERY_SECONDS);
            ps.setString(2, hash(raw));
            ps.setLong(3, config.sessionAbsoluteTimeout().toSeconds());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Long clientId = rs.getObject(3) == null ? null : rs.getLong(3);
                UiSession s = new UiSession(rs.getString(1), rs.getString(2), clientId, rs.getString(4),
                        rs.getString(5));
                if (rs.getBoolean(6)) {
                    touch(c, s.idHash());
                }
                return Optional.of(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the session", e);
        }
    }

    /** Expired rows go at each sign-in (indexed on expires_at), so the table never grows without bound. */
    private static void purgeExpired(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM ui_session WHERE expires_at < now()")) {
            ps.executeUpdate();
        }
    }

    /** Slides the idle expiry, never past the absolute one. */
    private void touch(Connection c, String idHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ui_session SET last_seen_at = now(), expires_at = "
                + "LEAST(now() + make_interval(secs => ?), created_at + make_interval(secs => ?)) WHERE id_hash = ?")) {
            ps.setLong(1, config.sessionIdleTimeout().toSeconds());
            ps.setLong(2, config.sessionAbsoluteTimeout().toSeconds());
            ps.setString(3, idHash);
            ps.executeUpdate();
        }
    }

    public void delete(String idHash) {
        update("DELETE FROM ui_session WHERE id_hash = ? OR expires_at < now()", idHash);
    }

    /** Ends every portal session of a client (its token changed). */
    public void deleteForClient(long clientId) {
        update("DELETE FROM ui_session WHERE client_id = ?", clientId);
    }

    private void update(String sql, Object param) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not change sessions", e);
        }
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String raw) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
