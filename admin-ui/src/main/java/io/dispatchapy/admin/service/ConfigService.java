package io.dispatchapy.admin.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dispatchapy.admin.audit.AuditLog;
import io.dispatchapy.admin.rest.ClientDto;
import io.dispatchapy.admin.rest.DevRuleDto;
import io.dispatchapy.admin.rest.EndpointDto;
import io.dispatchapy.admin.rest.MappingDto;
import io.dispatchapy.admin.rest.ResourceDto;
import io.dispatchapy.admin.rest.SettingsDto;
import io.dispatchapy.model.mapping.EndpointPaths;
import io.dispatchapy.model.secret.SecretBox;
import io.quarkus.logging.Log;

/**
 * Configuration as code: the whole configuration as one JSON document (resources, endpoints with their failover order,
 * mappings and dev rules, clients without tokens, settings without the SMTP password, secret and webhook headers only
 * as masks), and applying such a document: upserts by resource name, endpoint path and client name, all in one
 * transaction; nothing is deleted.
 */
@ApplicationScoped
public class ConfigService {
    static final int VERSION = 1;
    private static final List<String> RESOURCE_READ_ONLY = List.of("id", "status", "createdAt", "updatedAt");

    private final ResourceService resources;
    private final EndpointService endpoints;
    private final EndpointRulesService rules;
    private final ClientService clients;
    private final SettingsService settings;
    private final ObjectMapper mapper;
    private final EntityManager em;
    private final AuditLog audit;

    public ConfigService(ResourceService resources, EndpointService endpoints, EndpointRulesService rules,
            ClientService clients, SettingsService settings, ObjectMapper mapper, EntityManager em, AuditLog audit) {
        this.em = em;
        this.audit = audit;
        this.resources = resources;
        this.endpoints = endpoints;
        this.rules = rules;
        this.clients = clients;
        this.settings = settings;
        this.mapper = mapper;
    }

    @Transactional
    public ObjectNode export() {
        ObjectNode doc = mapper.createObjectNode().put("version", VERSION);
        Map<Long, String> resourceNames = new HashMap<>();
        ArrayNode rs = doc.putArray("resources");
        for (ResourceDto r : resources.list()) {
            resourceNames.put(r.id(), r.name());
            ObjectNode node = mapper.valueToTree(r);
            RESOURCE_READ_ONLY.forEach(node::remove);
            rs.add(node);
        }
        Map<Long, String> paths = new HashMap<>();
        ArrayNode es = doc.putArray("endpoints");
        for (EndpointDto e : endpoints.list()) {
            paths.put(e.id(), e.path());
            ObjectNode node = es.addObject().put("path", e.path()).put("description", e.description());
            node.set("requiredParams", mapper.valueToTree(e.requiredParams()));
            node.put("active", e.active());
            node.set("devMode", mapper.valueToTree(e.devMode()));
            ArrayNode order = node.putArray("resources");
            e.resourceIds().forEach(id -> order.add(resourceNames.get(id)));
            ArrayNode ms = node.putArray("mappings");
            for (MappingDto m : rules.mappings(e.id()).orElse(List.of())) {
                ObjectNode mn = ms.addObject().put("resource", resourceNames.get(m.resourceId())).put("targetKey",
                        m.targetKey());
                mn.set("source", mapper.valueToTree(m.source()));
            }
            node.set("devRules", mapper.valueToTree(rules.devRules(e.id()).orElse(List.of())));
        }
        ArrayNode cs = doc.putArray("clients");
        for (ClientDto c : clients.list()) {
            ObjectNode node = cs.addObject().put("name", c.name()).put("description", c.description());
            ArrayNode eps = node.putArray("endpoints");
            c.endpointIds().forEach(id -> eps.add(paths.get(id)));
            node.set("rateLimit", mapper.valueToTree(c.rateLimit()));
            ObjectNode dev = node.putObject("devMode").put("holdTasks", c.devMode().holdTasks()).put("rulesEnabled",
                    c.devMode().rulesEnabled());
            ArrayNode rr = dev.putArray("rules");
            for (ClientDto.Rule r : c.devMode().rules()) {
                rr.addObject().put("endpoint", r.endpointId() == null ? null : paths.get(r.endpointId()))
                        .put("conditionParam", r.conditionParam()).put("conditionValue", r.conditionValue())
                        .put("targetParam", r.targetParam()).put("overrideValue", r.overrideValue());
            }
        }
        SettingsDto s = settings.get();
        ObjectNode sn = mapper.valueToTree(s);
        ((ObjectNode) sn.get("smtp")).remove(List.of("password", "passwordSet"));
        doc.set("settings", sn);
        return doc;
    }

    /** What an import did; new clients' tokens are shown here once. */
    public record ImportResult(int resourcesCreated, int resourcesUpdated, int endpointsCreated, int endpointsUpdated,
            int clientsCreated, int clientsUpdated, Map<String, String> newClientTokens) {
    }

    /** Applies a document; any problem is a 400 naming the item, and then nothing at all is changed. */
    @Transactional
    public ImportResult apply(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            throw ApiException.badRequest("The configuration must be a JSON object");
        }
        if (doc.has("version") && doc.get("version").asInt(-1) != VERSION) {
            throw ApiException.badRequest("version: only version " + VERSION + " is supported");
        }
        int[] counts = new int[6];
        Map<String, Long> resourceIds = new HashMap<>();
        resources.list().forEach(r -> resourceIds.put(r.name(), r.id()));
        int i = 0;
        for (JsonNode node : array(doc, "resources")) {
            String where = "resources[" + i++ + "]";
            ResourceDto read = read(node, ResourceDto.class, where);
            Long existing = read.name() == null ? null : resourceIds.get(read.name().trim());
            ResourceDto in = existing == null ? withoutMasks(read) : read;
            ResourceDto saved = at(where,
                    () -> existing == null ? resources.create(in) : resources.update(existing, in).orElseThrow());
            resourceIds.put(saved.name(), saved.id());
            counts[existing == null ? 0 : 1]++;
        }
        Map<String, Long> endpointIds = new HashMap<>();
        endpoints.list().forEach(e -> endpointIds.put(e.path(), e.id()));
        i = 0;
        for (JsonNode node : array(doc, "endpoints")) {
            String where = "endpoints[" + i++ + "]";
            applyEndpoint(node, where, resourceIds, endpointIds, counts);
        }
        Map<String, Long> clientIds = new HashMap<>();
        clients.list().forEach(c -> clientIds.put(c.name(), c.id()));
        Map<String, String> tokens = new LinkedHashMap<>();
        i = 0;
        for (JsonNode node : array(doc, "clients")) {
            String where = "clients[" + i++ + "]";
            applyClient(node, where, endpointIds, clientIds, tokens, counts);
        }
        if (doc.hasNonNull("settings")) {
            JsonNode s = doc.get("settings").deepCopy();
            if (s.isObject() && s.get("smtp") instanceof ObjectNode smtp) {
                smtp.remove(List.of("password", "passwordSet"));
            }
            // written through the JPA connection so the settings commit or roll back with everything else
            Map<String, String> changes = at("settings", () -> settings.changes(s));
            changes.forEach((key, value) -> em
                    .createNativeQuery("INSERT INTO setting (key, value) VALUES (?1, CAST(?2 AS text)) "
                            + "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")
                    .setParameter(1, key).setParameter(2, value).executeUpdate());
        }
        Log.infof("Configuration imported: %d resources, %d endpoints, %d clients", counts[0] + counts[1],
                counts[2] + counts[3], counts[4] + counts[5]);
        audit.record("import", "config", null,
                String.format(
                        "configuration imported: %d resources, %d endpoints, "
                                + "%d clients%s (each change has its own entry)",
                        counts[0] + counts[1], counts[2] + counts[3], counts[4] + counts[5],
                        doc.hasNonNull("settings") ? ", settings" : ""),
                null, null);
        return new ImportResult(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], tokens);
    }

    /**
     * An exported document holds secrets only as masks: on an existing resource they keep the stored values, a new
     * resource gets no value for them (the admin sets them afterwards).
     */
    private static ResourceDto withoutMasks(ResourceDto in) {
        Map<String, String> secrets = in.secretHeaders() == null ? null : unmasked(in.secretHeaders());
        ResourceDto.Notifications n = in.notifications();
        if (n != null && n.webhook() != null && n.webhook().headers() != null) {
            ResourceDto.Webhook w = n.webhook();
            n = new ResourceDto.Notifications(n.email(),
                    new ResourceDto.Webhook(w.enabled(), w.url(), unmasked(w.headers()), w.payload()));
        }
        return new ResourceDto(in.id(), in.name(), in.url(), in.method(), in.bodyFormat(), in.headers(), secrets,
                in.requiredParams(), in.timeoutMs(), in.includeRaw(), in.active(), in.status(), in.healthCheck(), n,
                in.createdAt(), in.updatedAt());
    }

    private static Map<String, String> unmasked(Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>(values);
        out.values().removeIf(SecretBox.MASK::equals);
        return out;
    }

    private void applyEndpoint(JsonNode node, String where, Map<String, Long> resourceIds,
            Map<String, Long> endpointIds, int[] counts) {
        if (!node.isObject()) {
            throw ApiException.badRequest(where + ": must be an object");
        }
        List<Long> order = new ArrayList<>();
        for (JsonNode r : array(node, "resources")) {
            order.add(resourceRef(r, resourceIds, where + ".resources"));
        }
        for (JsonNode r : array(node, "resourceIds")) {
            order.add(resourceRef(r, resourceIds, where + ".resourceIds"));
        }
        ObjectNode copy = node.deepCopy();
        copy.remove(List.of("resources", "resourceIds", "mappings", "devRules", "id", "readiness"));
        EndpointDto read = read(copy, EndpointDto.class, where);
        boolean hasOrder = node.has("resources") || node.has("resourceIds");
        EndpointDto in = new EndpointDto(null, read.path(), read.description(), read.requiredParams(), read.active(),
                hasOrder ? order : null, read.devMode(), null, null, null);
        String path = in.path() == null ? null : EndpointPaths.normalize(in.path());
        Long existing = path == null ? null : endpointIds.get(path);
        EndpointDto saved = at(where,
                () -> existing == null ? endpoints.create(in) : endpoints.update(existing, in).orElseThrow());
        endpointIds.put(saved.path(), saved.id());
        counts[existing == null ? 2 : 3]++;
        if (node.has("mappings")) {
            List<MappingDto> ms = new ArrayList<>();
            for (JsonNode m : array(node, "mappings")) {
                Long rid = m.has("resource") ? resourceRef(m.get("resource"), resourceIds, where + ".mappings")
                        : m.has("resourceId") ? resourceRef(m.get("resourceId"), resourceIds, where + ".mappings")
                                : null;
                MappingDto.Source source = read(m.path("source"), MappingDto.Source.class, where + ".mappings");
                ms.add(new MappingDto(rid, m.path("targetKey").asText(null), source));
            }
            at(where + ".mappings", () -> rules.replaceMappings(saved.id(), ms));
        }
        if (node.has("devRules")) {
            List<DevRuleDto> ds = new ArrayList<>();
            for (JsonNode d : array(node, "devRules")) {
                ds.add(read(d, DevRuleDto.class, where + ".devRules"));
            }
            at(where + ".devRules", () -> rules.replaceDevRules(saved.id(), ds));
        }
    }

    private void applyClient(JsonNode node, String where, Map<String, Long> endpointIds, Map<String, Long> clientIds,
            Map<String, String> tokens, int[] counts) {
        if (!node.isObject()) {
            throw ApiException.badRequest(where + ": must be an object");
        }
        List<Long> eps = null;
        if (node.has("endpoints") || node.has("endpointIds")) {
            eps = new ArrayList<>();
            for (JsonNode e : array(node, node.has("endpoints") ? "endpoints" : "endpointIds")) {
                eps.add(endpointRef(e, endpointIds, where + ".endpoints"));
            }
        }
        ClientDto.DevMode dev = null;
        JsonNode dm = node.get("devMode");
        if (dm != null && dm.isObject()) {
            List<ClientDto.Rule> rs = null;
            if (dm.has("rules")) {
                rs = new ArrayList<>();
                for (JsonNode r : array(dm, "rules")) {
                    JsonNode ep = r.has("endpoint") ? r.get("endpoint") : r.get("endpointId");
                    Long eid = ep == null || ep.isNull() ? null : endpointRef(ep, endpointIds, where + ".rules");
                    rs.add(new ClientDto.Rule(eid, text(r, "conditionParam"), text(r, "conditionValue"),
                            text(r, "targetParam"), text(r, "overrideValue")));
                }
            }
            dev = new ClientDto.DevMode(dm.has("holdTasks") ? dm.get("holdTasks").asBoolean() : null,
                    dm.has("rulesEnabled") ? dm.get("rulesEnabled").asBoolean() : null, rs);
        }
        JsonNode rl = node.get("rateLimit");
        ClientDto.RateLimit rateLimit = rl == null || !rl.isObject() ? null
                : new ClientDto.RateLimit(rl.hasNonNull("perSecond") ? rl.get("perSecond").asInt() : null,
                        rl.hasNonNull("burst") ? rl.get("burst").asInt() : null);
        ClientDto in = new ClientDto(null, text(node, "name"), text(node, "description"), eps, null, dev, null, null,
                null, rateLimit, null);
        Long existing = in.name() == null ? null : clientIds.get(in.name().trim());
        ClientDto saved = at(where,
                () -> existing == null ? clients.create(in) : clients.update(existing, in).orElseThrow());
        if (existing == null) {
            tokens.put(saved.name(), saved.token());
        }
        clientIds.put(saved.name(), saved.id());
        counts[existing == null ? 4 : 5]++;
    }

    private static Long resourceRef(JsonNode ref, Map<String, Long> byName, String where) {
        if (ref.isIntegralNumber() && byName.containsValue(ref.asLong())) {
            return ref.asLong();
        }
        Long id = ref.isTextual() ? byName.get(ref.asText()) : null;
        if (id == null) {
            throw ApiException.badRequest(where + ": unknown resource " + ref);
        }
        return id;
    }

    private static Long endpointRef(JsonNode ref, Map<String, Long> byPath, String where) {
        if (ref.isIntegralNumber() && byPath.containsValue(ref.asLong())) {
            return ref.asLong();
        }
        Long id = ref.isTextual() ? byPath.get(EndpointPaths.normalize(ref.asText())) : null;
        if (id == null) {
            throw ApiException.badRequest(where + ": unknown endpoint " + ref);
        }
        return id;
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode a = node.get(field);
        if (a == null || a.isNull()) {
            return List.of();
        }
        if (!a.isArray()) {
            throw ApiException.badRequest(field + " must be an array");
        }
        List<JsonNode> out = new ArrayList<>();
        for (Iterator<JsonNode> it = a.elements(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private <T> T read(JsonNode node, Class<T> type, String where) {
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest(where + ": must be an object");
        }
        try {
            return mapper.treeToValue(node, type);
        } catch (Exception e) {
            throw ApiException
                    .badRequest(where + ": invalid value (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private static <T> T at(String where, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (ApiException e) {
            throw new ApiException(e.status() == 404 ? 400 : e.status(), where + ": " + e.getMessage());
        } catch (java.util.NoSuchElementException e) {
            throw ApiException.badRequest(where + ": not found");
        }
    }

}
