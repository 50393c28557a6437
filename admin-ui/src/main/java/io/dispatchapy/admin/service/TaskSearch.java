package io.dispatchapy.admin.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import io.dispatchapy.model.entity.Task;
import io.dispatchapy.model.entity.TaskStatus;

/**
 * The task list query: fixed SQL fragments joined by AND, every user value bound as a parameter. {@code q} matches ref,
 * scope, endpoint path, client name and the payload text, case-insensitively.
 */
public final class TaskSearch {
    private final List<String> where = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();

    /**
     * Tasks whose searched text (kept in {@code task_search} by triggers, migration V8, under a trigram index) matches
     * the bound {@code :q}.
     */
    public static final String SEARCH_MATCH = "t.id IN (SELECT s.task_id FROM task_search s WHERE s.doc ILIKE :q ESCAPE '\\')";

    TaskSearch(TaskFilter f) {
        if (f.status() != null && !f.status().isEmpty()) {
            Checks.oneOf(f.status(), TaskStatus.ALL, "status must be one of " + String.join(", ", TaskStatus.ALL));
            add("t.status = :status", "status", f.status());
        }
        if (f.endpointId() != null) {
            add("t.endpoint_id = :endpointId", "endpointId", f.endpointId());
        }
        if (f.clientId() != null) {
            add("t.client_id = :clientId", "clientId", f.clientId());
        }
        if (f.q() != null && !f.q().isBlank()) {
            add(SEARCH_MATCH, "q", "%" + escapeLike(f.q().trim()) + "%");
        }
    }

    long count(EntityManager em) {
        return ((Number) bind(em.createNativeQuery("SELECT count(*) FROM task t" + whereClause())).getSingleResult())
                .longValue();
    }

    @SuppressWarnings("unchecked")
    List<Task> page(EntityManager em, int page, int size) {
        Query query = em.createNativeQuery("SELECT t.* FROM task t" + whereClause() + " ORDER BY t.id DESC",
                Task.class);
        long offset = (long) page * size;
        if (offset > Integer.MAX_VALUE) { // past any table this size could hold; page * size would overflow
            return List.of();
        }
        return bind(query).setFirstResult((int) offset).setMaxResults(size).getResultList();
    }

    private void add(String condition, String name, Object value) {
        where.add(condition);
        params.put(name, value);
    }

    private String whereClause() {
        return where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    }

    private Query bind(Query query) {
        params.forEach(query::setParameter);
        return query;
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
