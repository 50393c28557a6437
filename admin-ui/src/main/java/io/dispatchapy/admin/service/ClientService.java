package io.dispatchapy.admin.service;

import static io.dispatchapy.admin.service.Checks.orElse;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.dispatchapy.admin.audit.AuditLog;
import io.dispatchapy.admin.rest.ClientDto;
import io.dispatchapy.admin.rest.TokenDto;
import io.dispatchapy.model.entity.Client;
import io.dispatchapy.model.entity.DevRule;
import io.dispatchapy.model.entity.Endpoint;
import io.dispatchapy.model.token.Tokens;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;

/** Creates, changes and deletes clients and rotates their tokens (only hashes are stored). */
@ApplicationScoped
public class ClientService {
    /** Longest grace period for the previous token after a rotation: 7 days. */
    public static final int MAX_GRACE_SECONDS = 7 * 24 * 3600;
    /** Highest accepted rate limit and burst, a sanity bound. */
    static final int MAX_RATE = 1_000_000;

    private final AuditLog audit;

    public ClientService(AuditLog audit) {
        this.audit = audit;
    }

    @Transactional
    public List<ClientDto> list() {
        return Client.<Client> listAll(Sort.by("id")).stream().map(c -> ClientDto.from(c, rules(c.id), null)).toList();
    }

    @Transactional
    public Optional<ClientDto> get(long id) {
        return Client.<Client> findByIdOptional(id).map(c -> ClientDto.from(c, rules(c.id), null));
    }

    /** Creates a client; the answer carries its token, the only time it is ever shown. */
    @Transactional
    public ClientDto create(ClientDto in) {
        ResourceService.requireBody(in);
        Client c = new Client();
        c.createdAt = DbClock.now(); // the clock of every later update
        c.updatedAt = c.createdAt;
        String token = Tokens.generate();
        c.tokenHash = Tokens.hash(token);
        c.tokenPrefix = Tokens.visiblePrefix(token);
        apply(in, c);
        c.persistAndFlush();
        replaceRules(c.id, in.devMode());
        Client.getEntityManager().refresh(c);
        Log.infof("Client %d '%s' created", c.id, c.name);
        audit.created("client", c.id, c.name, ClientDto.from(c, rules(c.id), null));
        return ClientDto.from(c, rules(c.id), token);
    }

    @Transactional
    public Optional<ClientDto> update(long id, ClientDto in) {
        ResourceService.requireBody(in);
        Optional<Client> found = Client.findByIdOptional(id);
        found.ifPresent(c -> {
            Object before = audit.snapshot(ClientDto.from(c, rules(c.id), null));
            apply(in, c);
            c.updatedAt = DbClock.now();
            c.flush();
            replaceRules(c.id, in.devMode());
            audit.updated("client", c.id, c.name, before, ClientDto.from(c, rules(c.id), null));
        });
        return found.map(c -> ClientDto.from(c, rules(c.id), null));
    }

    /** Gives the client a new token; the old one stops working at once. */
    @Transactional
    public Optional<TokenDto> rotateToken(long id) {
        return rotateToken(id, 0);
    }

    /**
     * Gives the client a new token. With a grace period (seconds, at most {@link #MAX_GRACE_SECONDS}) the old token
     * keeps working until it ends; without one it stops at once. Either way a token from an earlier rotation stops.
     */
    @Transactional
    public Optional<TokenDto> rotateToken(long id, int graceSeconds) {
        Checks.between(graceSeconds, 0, MAX_GRACE_SECONDS, "graceSeconds");
        return Client.<Client> findByIdOptional(id).map(c -> {
            Instant now = DbClock.now();
            if (graceSeconds > 0) {
                c.previousTokenHash = c.tokenHash;
                c.previousTokenPrefix = c.tokenPrefix;
                c.previousTokenExpiresAt = now.plusSeconds(graceSeconds);
            } else {
                c.previousTokenHash = null;
                c.previousTokenPrefix = null;
                c.previousTokenExpiresAt = null;
            }
            String token = Tokens.generate();
            c.tokenHash = Tokens.hash(token);
            c.tokenPrefix = Tokens.visiblePrefix(token);
            c.updatedAt = now;
            Log.infof("Client %d '%s' got a new token (previous token valid for %d s)", c.id, c.name, graceSeconds);
            audit.record("rotate-token", "client", c.id,
                    "client '" + c.name + "' got a new token"
                            + (graceSeconds > 0 ? " (previous token valid for " + graceSeconds + " s)" : ""),
                    null, null);
            return new TokenDto(c.id, token, c.previousTokenExpiresAt);
        });
    }

    @Transactional
    public boolean delete(long id) {
        Optional<Client> found = Client.findByIdOptional(id);
        found.ifPresent(c -> {
            Object before = audit.snapshot(ClientDto.from(c, rules(c.id), null));
            c.delete();
            audit.deleted("client", c.id, c.name, before);
            Log.infof("Client %d '%s' deleted", c.id, c.name);
        });
        return found.isPresent();
    }

    private static void apply(ClientDto in, Client c) {
        String name = Checks.required(orElse(in.name(), c.name), "name", 200);
        long same = c.id == null ? Client.count("name", name) : Client.count("name = ?1 and id <> ?2", name, c.id);
        if (same > 0) {
            throw ApiException.badRequest("A client named '" + name + "' already exists");
        }
        c.name = name;
        if (in.description() != null) {
            c.description = Checks.optional(in.description(), "description", 2000);
        }
        if (in.endpointIds() != null) {
            Set<Endpoint> wanted = new LinkedHashSet<>();
            in.endpointIds().forEach(id -> wanted.add(endpoint(id, "endpointIds")));
            c.endpoints.retainAll(wanted);
            c.endpoints.addAll(wanted);
        }
        if (in.rateLimit() != null) {
            Integer rate = in.rateLimit().perSecond();
            Integer burst = in.rateLimit().burst();
            c.rateLimitPerSecond = rate == null ? null : Checks.between(rate, 0, MAX_RATE, "rateLimit.perSecond");
            c.rateLimitBurst = burst == null ? null : Checks.between(burst, 1, MAX_RATE, "rateLimit.burst");
        }
        if (in.devMode() != null) {
            c.devHoldTasks = orElse(in.devMode().holdTasks(), c.devHoldTasks);
            c.devRulesEnabled = orElse(in.devMode().rulesEnabled(), c.devRulesEnabled);
        }
    }

    private static void replaceRules(long clientId, ClientDto.DevMode devMode) {
        if (devMode == null || devMode.rules() == null) {
            return;
        }
        List<DevRule> rules = devMode.rules().stream().map(r -> {
            if (r == null) {
                throw ApiException.badRequest("A dev rule must be an object");
            }
            DevRule rule = DevRules.toEntity(r.conditionParam(), r.conditionValue(), r.targetParam(),
                    r.overrideValue());
            rule.endpointId = r.endpointId() == null ? null : endpoint(r.endpointId(), "devMode.rules.endpointId").id;
            return rule;
        }).toList();
        DevRule.delete("clientId", clientId);
        for (int i = 0; i < rules.size(); i++) {
            rules.get(i).clientId = clientId;
            rules.get(i).position = i;
            rules.get(i).persist();
        }
    }

    private static Endpoint endpoint(Long id, String field) {
        if (id == null) {
            throw ApiException.badRequest(field + " must not contain null");
        }
        return Endpoint.<Endpoint> findByIdOptional(id)
                .orElseThrow(() -> ApiException.badRequest("Unknown endpoint id " + id));
    }

    private static List<DevRule> rules(long clientId) {
        return DevRule.list("clientId", Sort.by("position").and("id"), clientId);
    }
}
