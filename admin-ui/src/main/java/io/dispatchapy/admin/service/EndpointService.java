package io.dispatchapy.admin.service;

import static io.dispatchapy.admin.service.Checks.orElse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.dispatchapy.admin.audit.AuditLog;
import io.dispatchapy.admin.rest.EndpointDto;
import io.dispatchapy.model.entity.Endpoint;
import io.dispatchapy.model.entity.MappingRule;
import io.dispatchapy.model.entity.Resource;
import io.dispatchapy.model.mapping.EndpointPaths;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;

/** Creates, changes and deletes endpoints and their failover lists. */
@ApplicationScoped
public class EndpointService {
    static final List<String> DEFAULT_PARAMS = List.of("ref", "scope");
    private static final java.util.regex.Pattern SAFE_PATH = java.util.regex.Pattern.compile("[A-Za-z0-9_.\\-/]+");

    private final AuditLog audit;

    public EndpointService(AuditLog audit) {
        this.audit = audit;
    }

    @Transactional
    public List<EndpointDto> list() {
        return Endpoint.<Endpoint> listAll(Sort.by("id")).stream().map(e -> EndpointDto.from(e, Readiness.of(e)))
                .toList();
    }

    @Transactional
    public Optional<EndpointDto> get(long id) {
        return Endpoint.<Endpoint> findByIdOptional(id).map(e -> EndpointDto.from(e, Readiness.of(e)));
    }

    @Transactional
    public EndpointDto create(EndpointDto in) {
        ResourceService.requireBody(in);
        Endpoint e = new Endpoint();
        e.createdAt = DbClock.now(); // the clock of every later update
        e.updatedAt = e.createdAt;
        e.requiredParams = new ArrayList<>(DEFAULT_PARAMS);
        apply(in, e);
        e.persistAndFlush();
        EndpointLinks.replace(e, resources(orElse(in.resourceIds(), List.of())));
        Endpoint.getEntityManager().refresh(e);
        Log.infof("Endpoint %d '%s' created", e.id, e.path);
        audit.created("endpoint", e.id, e.path, EndpointDto.from(e, Readiness.of(e)));
        return EndpointDto.from(e, Readiness.of(e));
    }

    @Transactional
    public Optional<EndpointDto> update(long id, EndpointDto in) {
        ResourceService.requireBody(in);
        Optional<Endpoint> found = Endpoint.findByIdOptional(id);
        found.ifPresent(e -> {
            Object before = audit.snapshot(EndpointDto.from(e, Readiness.of(e)));
            apply(in, e);
            if (in.resourceIds() != null) {
                List<Resource> ordered = resources(in.resourceIds());
                EndpointLinks.replace(e, ordered);
                dropMappingsOfUnlinked(e.id, ordered);
            }
            e.updatedAt = DbClock.now();
            e.flush();
            audit.updated("endpoint", e.id, e.path, before, EndpointDto.from(e, Readiness.of(e)));
        });
        return found.map(e -> EndpointDto.from(e, Readiness.of(e)));
    }

    @Transactional
    public boolean delete(long id) {
        Optional<Endpoint> found = Endpoint.findByIdOptional(id);
        found.ifPresent(e -> {
            Object before = audit.snapshot(EndpointDto.from(e, Readiness.of(e)));
            e.delete();
            Log.infof("Endpoint %d '%s' deleted", e.id, e.path);
            audit.deleted("endpoint", e.id, e.path, before);
        });
        return found.isPresent();
    }

    private static void apply(EndpointDto in, Endpoint e) {
        String path = Checks.maxLength(EndpointPaths.normalize(orElse(in.path(), e.path)), "path", 500);
        if (path.isEmpty()) {
            throw ApiException.badRequest("path is required");
        }
        if (!SAFE_PATH.matcher(path).matches() || ("/" + path + "/").contains("/../")
                || ("/" + path + "/").contains("/./") || path.contains("//")) {
            throw ApiException.badRequest("path may only contain letters, digits, '_', '-', '.' and '/' segments "
                    + "(no '.' or '..' segments)");
        }
        long same = e.id == null ? Endpoint.count("path", path) : Endpoint.count("path = ?1 and id <> ?2", path, e.id);
        if (same > 0) {
            throw ApiException.badRequest("An endpoint with path '" + path + "' already exists");
        }
        e.path = path;
        if (in.description() != null) {
            e.description = Checks.optional(in.description(), "description", 2000);
        }
        if (in.requiredParams() != null) {
            e.requiredParams = ResourceEditor.names(in.requiredParams(), "requiredParams");
        }
        e.active = orElse(in.active(), e.active);
        if (in.devMode() != null) {
            e.devMode = orElse(in.devMode().enabled(), e.devMode);
            e.devHoldTasks = orElse(in.devMode().holdTasks(), e.devHoldTasks);
            e.devRulesEnabled = orElse(in.devMode().rulesEnabled(), e.devRulesEnabled);
        }
    }

    private static List<Resource> resources(List<Long> ids) {
        Set<Long> seen = new HashSet<>();
        List<Resource> ordered = new ArrayList<>();
        for (Long id : ids) {
            if (id == null || !seen.add(id)) {
                throw ApiException.badRequest(id == null ? "resourceIds must not contain null"
                        : "resourceIds contains " + id + " more than once");
            }
            ordered.add(Resource.<Resource> findByIdOptional(id)
                    .orElseThrow(() -> ApiException.badRequest("Unknown resource id " + id)));
        }
        return ordered;
    }

    private static void dropMappingsOfUnlinked(long endpointId, List<Resource> linked) {
        List<Long> ids = linked.stream().map(r -> r.id).toList();
        if (ids.isEmpty()) {
            MappingRule.delete("endpointId", endpointId);
        } else {
            MappingRule.delete("endpointId = ?1 and resourceId not in ?2", endpointId, ids);
        }
    }
}
