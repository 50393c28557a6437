package io.dispatchapy.admin.service;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * The database's clock ({@code now()}: the start of the current transaction), so {@code updatedAt} agrees with the
 * {@code DEFAULT now()} of {@code createdAt} and with the other services whatever the JVM clocks say.
 */
final class DbClock {
    private DbClock() {
    }

    /** Must run inside a transaction. */
    static Instant now() {
        Object v = Panache.getEntityManager().createNativeQuery("SELECT now()").getSingleResult();
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("Unexpected type of now(): " + v.getClass());
    }
}
