package io.dispatchapy.admin.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.admin.audit.AuditLog;
import io.dispatchapy.admin.rest.CheckResultDto;
import io.dispatchapy.model.entity.Resource;
import io.dispatchapy.model.health.CheckOutcome;
import io.dispatchapy.model.health.CheckTarget;
import io.dispatchapy.model.health.HealthLedger;
import io.dispatchapy.model.health.ProbeResult;
import io.dispatchapy.model.health.ResourceProber;

/**
 * A check on demand with the resource's configured method (never a surprise POST of dummy data, as the seed did). A
 * PostgreSQL advisory lock, held while the probe runs, makes a second manual check of the same resource answer 409
 * whichever admin-ui replica it reaches.
 */
@ApplicationScoped
public class ManualCheckService {
    private static final int LOCK_SPACE = 0x44505943; // "DPYC"

    private final DataSource dataSource;
    private final ResourceProber prober;
    private final HealthLedger ledger;
    private final AuditLog audit;

    public ManualCheckService(DataSource dataSource, ResourceProber prober, HealthLedger ledger, AuditLog audit) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.prober = prober;
        this.ledger = ledger;
    }

    public CheckResultDto check(long resourceId) {
        CheckTarget target = target(resourceId);
        try (Connection c = dataSource.getConnection()) {
            if (!lock(c, "pg_try_advisory_lock", resourceId)) {
                throw ApiException.conflict("A check of resource " + resourceId + " is already running");
            }
            try {
                ProbeResult r = prober.probe(target);
                CheckOutcome o = ledger.recordCheck(resourceId, target.method(), true, r);
                audit.record(
                        "check", "resource", resourceId, "manual " + target.method() + " check of resource '"
                                + target.name() + "': " + (r.success() ? "success" : "failure") + ", now " + o.status(),
                        null, null);
                return new CheckResultDto(resourceId, target.method(), r.success(), r.statusCode(), r.latencyMs(),
                        r.detail(), o.status(), o.changed());
            } finally {
                lock(c, "pg_advisory_unlock", resourceId);
            }
        } catch (SQLException e) {
            throw new ApiException(503, "Database unavailable: " + e.getMessage());
        }
    }

    private static CheckTarget target(long resourceId) {
        Resource r = Resource.findById(resourceId);
        if (r == null) {
            throw ApiException.notFound("Resource " + resourceId + " not found");
        }
        return new CheckTarget(r.id, r.name, r.url, r.hcMethod, r.hcUrl, new LinkedHashMap<>(r.headers),
                new LinkedHashMap<>(r.hcTestValues));
    }

    private static boolean lock(Connection c, String function, long resourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?, ?)")) {
            ps.setInt(1, LOCK_SPACE);
            ps.setInt(2, (int) resourceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
