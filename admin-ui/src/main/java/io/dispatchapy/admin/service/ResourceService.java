package io.dispatchapy.admin.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.dispatchapy.admin.audit.AuditLog;
import io.dispatchapy.admin.rest.ResourceDto;
import io.dispatchapy.model.entity.Endpoint;
import io.dispatchapy.model.entity.Resource;
import io.dispatchapy.model.secret.SecretBox;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;

/** Creates, changes and deletes resources. */
@ApplicationScoped
public class ResourceService {
    private final AuditLog audit;
    private final ResourceProtection protection;

    public ResourceService(AuditLog audit, ResourceProtection protection) {
        this.audit = audit;
        this.protection = protection;
    }

    @Transactional
    public List<ResourceDto> list() {
        return Resource.<Resource> listAll(Sort.by("id")).stream().map(ResourceDto::from).toList();
    }

    @Transactional
    public Optional<ResourceDto> get(long id) {
        return Resource.<Resource> findByIdOptional(id).map(ResourceDto::from);
    }

    @Transactional
    public ResourceDto create(ResourceDto in) {
        Resource r = new Resource();
        r.createdAt = DbClock.now(); // the clock of every later update
        r.updatedAt = r.createdAt;
        ensureUniqueName(requireBody(in).name(), null);
        ResourceEditor.apply(in, r, protection);
        if (r.hcEnabled) {
            r.nextCheckAt = Instant.now();
        }
        r.persistAndFlush();
        Resource.getEntityManager().refresh(r);
        Log.infof("Resource %d '%s' created", r.id, r.name);
        audit.created("resource", r.id, r.name, ResourceDto.from(r));
        return ResourceDto.from(r);
    }

    @Transactional
    public Optional<ResourceDto> update(long id, ResourceDto in) {
        requireBody(in);
        Optional<Resource> found = Resource.findByIdOptional(id);
        found.ifPresent(r -> {
            Object before = audit.snapshot(ResourceDto.from(r));
            boolean wasEnabled = r.hcEnabled;
            ensureUniqueName(in.name(), r.id);
            ResourceEditor.apply(in, r, protection);
            if (r.hcEnabled && (!wasEnabled || r.nextCheckAt == null)) {
                r.nextCheckAt = Instant.now();
            }
            r.updatedAt = DbClock.now();
            r.flush();
            audit.updated("resource", r.id, r.name, before, ResourceDto.from(r));
        });
        return found.map(ResourceDto::from);
    }

    /** Gives a copy the encrypted secret headers and webhook headers of its original (answers only show masks). */
    @Transactional
    public void copySecrets(long fromId, long toId) {
        Resource from = Resource.findById(fromId);
        Resource to = Resource.findById(toId);
        if (from != null && to != null) {
            Map<String, String> headers = new LinkedHashMap<>(to.headers);
            from.headers.forEach((k, v) -> {
                if (SecretBox.isSealed(v)) {
                    headers.put(k, v);
                }
            });
            to.headers = headers; // a new map, so the JSON column is seen as changed
            to.webhookHeaders = new LinkedHashMap<>(from.webhookHeaders);
        }
    }

    /**
     * Deletes a resource no endpoint uses; while endpoints still list it in their failover order the answer is 409
     * naming them (unlink it there first), so a delete never silently changes where tasks go.
     */
    @Transactional
    public boolean delete(long id) {
        Optional<Resource> found = Resource.findByIdOptional(id);
        found.ifPresent(r -> {
            List<Endpoint> users = Endpoint
                    .list("select distinct e from Endpoint e join e.resources r where r.id = ?1 order by e.path", id);
            if (!users.isEmpty()) {
                throw ApiException.conflict("Resource '" + r.name + "' is used by endpoint(s) "
                        + String.join(", ", users.stream().map(e -> "'" + e.path + "'").toList())
                        + "; remove it from their failover list first");
            }
            Object before = audit.snapshot(ResourceDto.from(r));
            r.delete();
            Log.infof("Resource %d '%s' deleted", r.id, r.name);
            audit.deleted("resource", r.id, r.name, before);
        });
        return found.isPresent();
    }

    /** Checks before the entity changes, so the query's auto-flush never hits the unique constraint. */
    private static void ensureUniqueName(String candidate, Long selfId) {
        if (candidate == null || candidate.isBlank()) {
            return;
        }
        String name = candidate.trim();
        long same = selfId == null ? Resource.count("name", name)
                : Resource.count("name = ?1 and id <> ?2", name, selfId);
        if (same > 0) {
            throw ApiException.badRequest("A resource named '" + name + "' already exists");
        }
    }

    static <T> T requireBody(T body) {
        if (body == null) {
            throw ApiException.badRequest("A JSON body is required");
        }
        return body;
    }
}
