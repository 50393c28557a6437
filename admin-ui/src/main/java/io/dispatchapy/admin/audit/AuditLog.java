package io.dispatchapy.admin.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Records admin changes in {@code audit_log}. Called by the services inside their transaction, so an entry exists
 * exactly when its change committed; snapshots pass through {@link SecretMasker} before they are stored.
 */
@ApplicationScoped
public class AuditLog {
    static final int SUMMARY_MAX = 500;

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final AuditActors actors;

    public AuditLog(EntityManager em, ObjectMapper mapper, AuditActors actors) {
        this.em = em;
        this.mapper = mapper;
        this.actors = actors;
    }

    /**
     * Freezes a "before" state: a DTO may share collections with its entity, which the change is about to alter.
     */
    public JsonNode snapshot(Object dto) {
        return dto == null ? null : mapper.valueToTree(dto);
    }

    /** A new entity: no before. */
    public void created(String entityType, Object id, String name, Object after) {
        record("create", entityType, id, entityType + " '" + name + "' created", null, after);
    }

    /** A changed entity, both snapshots taken in the same transaction. */
    public void updated(String entityType, Object id, String name, Object before, Object after) {
        record("update", entityType, id, entityType + " '" + name + "' updated", before, after);
    }

    public void deleted(String entityType, Object id, String name, Object before) {
        record("delete", entityType, id, entityType + " '" + name + "' deleted", before, null);
    }

    /**
     * One entry; joins the caller's transaction (or starts one when the change managed its own connection).
     *
     * @param before
     *            any object Jackson can serialise (a DTO, a map), or null
     */
    @Transactional
    public void record(String action, String entityType, Object entityId, String summary, Object before, Object after) {
        AuditActors.Actor who = actors.current();
        em.createNativeQuery("INSERT INTO audit_log (actor, source, ip, action, entity_type, entity_id, summary, "
                + "before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                + "NULLIF(CAST(?8 AS jsonb), 'null'::jsonb), NULLIF(CAST(?9 AS jsonb), 'null'::jsonb))")
                .setParameter(1, who.name()).setParameter(2, who.source()).setParameter(3, who.ip())
                .setParameter(4, action).setParameter(5, entityType)
                .setParameter(6, entityId == null ? null : String.valueOf(entityId)).setParameter(7, shorten(summary))
                .setParameter(8, json(before)).setParameter(9, json(after)).executeUpdate();
    }

    private String json(Object snapshot) {
        JsonNode tree = snapshot == null ? null : mapper.valueToTree(snapshot);
        return String.valueOf(SecretMasker.mask(tree));
    }

    private static String shorten(String summary) {
        String s = summary == null ? "" : summary;
        return s.length() <= SUMMARY_MAX ? s : s.substring(0, SUMMARY_MAX - 1) + "…";
    }
}
