package io.dispatchapy.admin.ui;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dispatchapy.admin.rest.ClientDto;
import io.dispatchapy.admin.rest.DevRuleDto;
import io.dispatchapy.admin.rest.EndpointDto;
import io.dispatchapy.admin.rest.MappingDto;
import io.dispatchapy.admin.rest.ResourceDto;
import io.dispatchapy.admin.service.ApiException;
import io.dispatchapy.admin.service.ClientService;
import io.dispatchapy.admin.service.EndpointRulesService;
import io.dispatchapy.admin.service.EndpointService;
import io.dispatchapy.admin.service.ResourceService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The rules page of an endpoint: mappings per resource, dev mode and dev rules, and a payload preview. */
@Path("/endpoints/{id}/rules")
@Produces(MediaType.TEXT_HTML)
@UiAccess(UiAccess.Role.ADMIN)
public class RulesPage {
    private final CurrentSession session;
    private final EndpointService endpoints;
    private final ResourceService resources;
    private final EndpointRulesService rules;
    private final ClientService clients;
    private final RulesEditor editor;

    public RulesPage(CurrentSession session, EndpointService endpoints, ResourceService resources,
            EndpointRulesService rules, ClientService clients, RulesEditor editor) {
        this.session = session;
        this.endpoints = endpoints;
        this.resources = resources;
        this.rules = rules;
        this.clients = clients;
        this.editor = editor;
    }

    public record Row(String targetKey, String type, String value, boolean required) {
    }

    public record Card(ResourceDto resource, List<Row> rows) {
    }

    public record Page(EndpointDto endpoint, List<Card> cards, boolean devMode, boolean devHold, boolean devRules,
            List<DevRuleDto> devRuleRows, List<ClientDto> clients) {
    }

    public record PreviewState(String sample, Long clientId, List<RulesEditor.Preview> results, String error) {
        static PreviewState initial(EndpointDto e) {
            StringBuilder b = new StringBuilder("{");
            for (int i = 0; i < e.requiredParams().size(); i++) {
                b.append(i == 0 ? "\n  " : ",\n  ").append('"').append(e.requiredParams().get(i)).append("\": \"")
                        .append(e.requiredParams().get(i)).append("-value\"");
            }
            return new PreviewState(b.append("\n}").toString(), null, null, null);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance rules(View ui, Page p, FieldErrors errors, PreviewState preview);
    }

    @GET
    public TemplateInstance page(@PathParam("id") long id, @QueryParam("notice") String notice) {
        EndpointDto e = endpoint(id);
        return Templates.rules(View.of(session.get(), "endpoints", notice),
                page(e, rules.mappings(id).orElse(List.of()), e.devMode().enabled(), e.devMode().holdTasks(),
                        e.devMode().rulesEnabled(), rules.devRules(id).orElse(List.of())),
                FieldErrors.none(), PreviewState.initial(e));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@PathParam("id") long id, MultivaluedMap<String, String> values) {
        Form f = Form.checked(values, session.get());
        EndpointDto e = endpoint(id);
        List<MappingDto> mappings = mappings(f);
        EndpointDto.DevMode dev = new EndpointDto.DevMode(f.bool("devMode"), f.bool("devHold"), f.bool("devRules"));
        List<DevRuleDto> devRules;
        try {
            devRules = devRules(f);
        } catch (Form.FieldError ex) {
            Page p = page(e, mappings, dev.enabled(), dev.holdTasks(), dev.rulesEnabled(),
                    rules.devRules(id).orElse(List.of()));
            return Response
                    .status(400).type(MediaType.TEXT_HTML_TYPE).entity(
                            Templates
                                    .rules(View.of(session.get(), "endpoints", null), p,
                                            FieldErrors.of(ex.field(), ex.getMessage()), PreviewState.initial(e))
                                    .render())
                    .build();
        }
        try {
            editor.save(id, mappings, devRules, dev);
        } catch (ApiException ex) {
            if (ex.status() != 400) {
                throw new UiException(ex.status(), ex.getMessage());
            }
            String field = ex.getMessage().startsWith("devMode") ? "devMode"
                    : ex.getMessage().startsWith("targetParam") || ex.getMessage().startsWith("overrideValue")
                            || ex.getMessage().startsWith("condition") ? "devRules" : "mappings";
            Page p = page(e, mappings, dev.enabled(), dev.holdTasks(), dev.rulesEnabled(), devRules);
            return Response.status(400).type(MediaType.TEXT_HTML_TYPE)
                    .entity(Templates.rules(View.of(session.get(), "endpoints", null), p,
                            FieldErrors.of(field, ex.getMessage()), PreviewState.initial(e)).render())
                    .build();
        }
        return Response.seeOther(URI.create("/endpoints/" + id + "/rules?notice=saved")).build();
    }

    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance preview(@PathParam("id") long id, MultivaluedMap<String, String> values) {
        Form f = Form.checked(values, session.get());
        EndpointDto e = endpoint(id);
        List<MappingDto> mappings = rules.mappings(id).orElse(List.of());
        Page p = page(e, mappings, e.devMode().enabled(), e.devMode().holdTasks(), e.devMode().rulesEnabled(),
                rules.devRules(id).orElse(List.of()));
        String sample = f.raw("sample");
        Long clientId = f.ids("clientId").stream().findFirst().orElse(null);
        PreviewState state;
        try {
            JsonNode node = Formats.JSON.readTree(sample);
            if (!(node instanceof ObjectNode obj)) {
                throw new IllegalArgumentException("not an object");
            }
            ClientDto client = clientId == null ? null : clients.get(clientId).orElse(null);
            List<ResourceDto> linked = e.resourceIds().stream().map(r -> resources.get(r).orElseThrow()).toList();
            state = new PreviewState(sample, clientId, editor.preview(e, linked, mappings, obj, client), null);
        } catch (Exception ex) {
            state = new PreviewState(sample, clientId, null, "The sample payload must be a JSON object.");
        }
        return Templates.rules(View.of(session.get(), "endpoints", null), p, FieldErrors.none(), state);
    }

    private Page page(EndpointDto e, List<MappingDto> mappings, boolean devMode, boolean devHold, boolean devRules,
            List<DevRuleDto> devRuleRows) {
        List<Card> cards = new ArrayList<>();
        for (Long rid : e.resourceIds()) {
            ResourceDto r = resources.get(rid).orElse(null);
            if (r == null) {
                continue;
            }
            Set<String> keys = new LinkedHashSet<>(r.requiredParams());
            mappings.stream().filter(m -> m.resourceId().equals(rid)).forEach(m -> keys.add(m.targetKey()));
            List<Row> rows = new ArrayList<>();
            for (String key : keys) {
                MappingDto m = mappings.stream().filter(x -> x.resourceId().equals(rid) && x.targetKey().equals(key))
                        .findFirst().orElse(null);
                rows.add(new Row(key, m == null ? "" : m.source().type(),
                        m == null || m.source().value() == null ? "" : m.source().value(),
                        r.requiredParams().contains(key)));
            }
            cards.add(new Card(r, rows));
        }
        return new Page(e, cards, devMode, devHold, devRules, devRuleRows, clients.list());
    }

    private static List<MappingDto> mappings(Form f) {
        List<String> res = f.list("m_resource");
        List<String> target = f.list("m_target");
        List<String> type = f.list("m_type");
        List<String> value = f.list("m_value");
        List<MappingDto> out = new ArrayList<>();
        for (int i = 0; i < res.size() && i < target.size() && i < type.size(); i++) {
            if (type.get(i).isBlank() || target.get(i).isBlank()) {
                continue;
            }
            String v = i < value.size() ? value.get(i) : "";
            out.add(new MappingDto(Long.valueOf(res.get(i)), target.get(i).trim(),
                    new MappingDto.Source(type.get(i), v.isEmpty() ? null : v)));
        }
        return out;
    }

    private static List<DevRuleDto> devRules(Form f) {
        List<String> cp = f.list("d_cparam");
        List<String> cv = f.list("d_cvalue");
        List<String> tp = f.list("d_target");
        List<String> ov = f.list("d_override");
        List<DevRuleDto> out = new ArrayList<>();
        for (int i = 0; i < tp.size(); i++) {
            if (tp.get(i).isBlank()) {
                continue;
            }
            if (at(ov, i).isEmpty()) {
                throw new Form.FieldError("devRules", "Dev rule " + (i + 1) + ": enter the value to set");
            }
            out.add(new DevRuleDto(at(cp, i), at(cv, i), tp.get(i), at(ov, i)));
        }
        return out;
    }

    private static String at(List<String> l, int i) {
        return i < l.size() ? l.get(i) : "";
    }

    private EndpointDto endpoint(long id) {
        return endpoints.get(id).orElseThrow(() -> UiException.notFound("Endpoint " + id));
    }
}
