package io.dispatchapy.admin.ui;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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

import io.dispatchapy.admin.rest.ClientDto;
import io.dispatchapy.admin.rest.EndpointDto;
import io.dispatchapy.admin.rest.TokenDto;
import io.dispatchapy.admin.service.ApiException;
import io.dispatchapy.admin.service.ClientService;
import io.dispatchapy.admin.service.EndpointService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Clients: list, create, edit, delete, new token (shown once). */
@Path("/clients")
@Produces(MediaType.TEXT_HTML)
@UiAccess(UiAccess.Role.ADMIN)
public class ClientsPage {
    static final Map<String, String> FIELDS = Map.of("name", "name", "A client named", "name", "description",
            "description", "Unknown endpoint", "endpointIds", "targetParam", "rules", "overrideValue", "rules",
            "condition", "rules", "devMode", "rules", "rateLimit", "rateLimit", "graceSeconds", "form");

    private final CurrentSession session;
    private final ClientService clients;
    private final EndpointService endpoints;
    private final SessionStore sessions;

    public ClientsPage(CurrentSession session, ClientService clients, EndpointService endpoints,
            SessionStore sessions) {
        this.session = session;
        this.clients = clients;
        this.endpoints = endpoints;
        this.sessions = sessions;
    }

    public record Row(ClientDto c, String endpointPaths) {
    }

    public record ClientForm(Long id, String name, String description, List<Long> endpointIds, boolean devHold,
            boolean devRules, List<ClientDto.Rule> rules, List<EndpointDto> allEndpoints, List<String> keys,
            String ratePerSecond, String rateBurst, ClientDto.PreviousToken previousToken) {

        /** A form without the rate-limit fields (the portal's own rules form). */
        public ClientForm(Long id, String name, String description, List<Long> endpointIds, boolean devHold,
                boolean devRules, List<ClientDto.Rule> rules, List<EndpointDto> allEndpoints, List<String> keys) {
            this(id, name, description, endpointIds, devHold, devRules, rules, allEndpoints, keys, "", "", null);
        }

        public boolean linked(Long endpointId) {
            return endpointIds.contains(endpointId);
        }

        ClientForm withRate(String perSecond, String burst, ClientDto.PreviousToken previous) {
            return new ClientForm(id, name, description, endpointIds, devHold, devRules, rules, allEndpoints, keys,
                    perSecond == null ? "" : perSecond, burst == null ? "" : burst, previous);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(View ui, List<Row> clients);

        static native TemplateInstance form(View ui, ClientForm c, FieldErrors errors);

        static native TemplateInstance token(View ui, String clientName, TokenDto token, boolean created);
    }

    @GET
    public TemplateInstance list(@QueryParam("notice") String notice) {
        Map<Long, String> paths = endpoints.list().stream()
                .collect(Collectors.toMap(EndpointDto::id, EndpointDto::path, (a, b) -> a));
        List<Row> rows = clients
                .list().stream().sorted(Comparator.comparing(ClientDto::name)).map(
                        c -> new Row(c,
                                c.endpointIds().isEmpty() ? "—" : c.endpointIds().stream()
                                        .map(id -> "/api/" + paths.get(id)).collect(Collectors.joining(", "))))
                .toList();
        return Templates.list(view(notice), rows);
    }

    @GET
    @Path("new")
    public TemplateInstance createForm() {
        return Templates.form(view(null), form(null, "", "", List.of(), false, false, List.of()).withRate("", "", null),
                FieldErrors.none());
    }

    @GET
    @Path("edit/{id}")
    public TemplateInstance editForm(@PathParam("id") long id) {
        ClientDto c = clients.get(id).orElseThrow(() -> UiException.notFound("Client " + id));
        return Templates.form(view(null),
                form(id, c.name(), c.description() == null ? "" : c.description(), c.endpointIds(),
                        c.devMode().holdTasks(), c.devMode().rulesEnabled(), c.devMode().rules()).withRate(
                                text(c.rateLimit().perSecond()), text(c.rateLimit().burst()), c.previousToken()),
                FieldErrors.none());
    }

    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> values) {
        return save(null, values);
    }

    @POST
    @Path("edit/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") long id, MultivaluedMap<String, String> values) {
        return save(id, values);
    }

    private Response save(Long id, MultivaluedMap<String, String> values) {
        Form f = Form.checked(values, session.get());
        List<Long> endpointIds;
        List<ClientDto.Rule> rules;
        ClientDto.RateLimit rateLimit;
        try {
            endpointIds = f.ids("endpointIds");
            rules = rules(f);
            rateLimit = new ClientDto.RateLimit(rateField(f, "ratePerSecond"), rateField(f, "rateBurst"));
        } catch (Form.FieldError e) {
            return invalid(
                    form(id, f.raw("name"), f.raw("description"), List.of(), f.bool("devHold"), f.bool("devRules"),
                            List.of()).withRate(f.raw("ratePerSecond"), f.raw("rateBurst"), null),
                    FieldErrors.of(e.field(), e.getMessage()));
        }
        ClientForm input = form(id, f.raw("name"), f.raw("description"), endpointIds, f.bool("devHold"),
                f.bool("devRules"), rules).withRate(f.raw("ratePerSecond"), f.raw("rateBurst"), null);
        ClientDto dto = new ClientDto(null, input.name(), input.description(), endpointIds, null,
                new ClientDto.DevMode(input.devHold(), input.devRules(), rules), null, null, null, rateLimit, null);
        try {
            if (id == null) {
                ClientDto created = clients.create(dto);
                return tokenPage(created.name(), new TokenDto(created.id(), created.token()), true);
            }
            clients.update(id, dto).orElseThrow(() -> UiException.notFound("Client " + id));
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw new UiException(e.status(), e.getMessage());
            }
            return invalid(input, FieldErrors.place(e.getMessage(), FIELDS));
        }
        return Response.seeOther(URI.create("/clients?notice=saved")).build();
    }

    @POST
    @Path("token/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rotate(@PathParam("id") long id, MultivaluedMap<String, String> values) {
        Form f = Form.checked(values, session.get());
        ClientDto c = clients.get(id).orElseThrow(() -> UiException.notFound("Client " + id));
        Integer grace = f.integer("graceSeconds", "Grace period");
        TokenDto token;
        try {
            token = clients.rotateToken(id, grace == null ? 0 : grace)
                    .orElseThrow(() -> UiException.notFound("Client " + id));
        } catch (ApiException e) {
            throw new UiException(e.status(), e.getMessage());
        }
        sessions.deleteForClient(id);
        return tokenPage(c.name(), token, false);
    }

    @POST
    @Path("delete/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("id") long id, MultivaluedMap<String, String> values) {
        Form.checked(values, session.get());
        if (!clients.delete(id)) {
            throw UiException.notFound("Client " + id);
        }
        return Response.seeOther(URI.create("/clients?notice=deleted")).build();
    }

    private Response tokenPage(String name, TokenDto token, boolean created) {
        return Response.ok(Templates.token(view(null), name, token, created).render(), MediaType.TEXT_HTML_TYPE)
                .header("Cache-Control", "no-store").build();
    }

    private Response invalid(ClientForm input, FieldErrors errors) {
        return Response.status(400).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.form(view(null), input, errors).render()).build();
    }

    private ClientForm form(Long id, String name, String description, List<Long> endpointIds, boolean hold,
            boolean rulesOn, List<ClientDto.Rule> rules) {
        List<EndpointDto> all = endpoints.list().stream().sorted(Comparator.comparing(EndpointDto::path)).toList();
        return new ClientForm(id, name, description, endpointIds, hold, rulesOn, rules, all, keys(all, endpointIds), "",
                "", null);
    }

    /** A whole number field of the rate limit; empty means the gateway's default. */
    private static Integer rateField(Form f, String name) {
        String v = f.raw(name).trim();
        if (v.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw new Form.FieldError("rateLimit", "Rate limit and burst must be whole numbers (empty = default)");
        }
    }

    private static String text(Integer value) {
        return value == null ? "" : value.toString();
    }

    /** The keys a client rule may test or set: its endpoints' parameters (every endpoint's when it has none). */
    static List<String> keys(List<EndpointDto> all, List<Long> endpointIds) {
        List<String> keys = new ArrayList<>(List.of("ref", "scope"));
        all.stream().filter(e -> endpointIds.isEmpty() || endpointIds.contains(e.id()))
                .flatMap(e -> e.requiredParams().stream()).filter(k -> !keys.contains(k)).forEach(keys::add);
        return keys;
    }

    /** The client rule rows of a form ({@code c_*} fields); rows without a target are dropped. */
    static List<ClientDto.Rule> rules(Form f) {
        List<String> ep = f.list("c_endpoint");
        List<String> cp = f.list("c_cparam");
        List<String> cv = f.list("c_cvalue");
        List<String> tp = f.list("c_target");
        List<String> ov = f.list("c_override");
        List<ClientDto.Rule> out = new ArrayList<>();
        for (int i = 0; i < tp.size(); i++) {
            if (tp.get(i).isBlank()) {
                continue;
            }
            String e = i < ep.size() ? ep.get(i) : "";
            Long endpointId;
            try {
                endpointId = e.isBlank() ? null : Long.valueOf(e.trim());
            } catch (NumberFormatException ex) {
                throw new Form.FieldError("rules", "Invalid endpoint id");
            }
            if (at(ov, i).isEmpty()) {
                throw new Form.FieldError("rules", "Rule " + (i + 1) + ": enter the value to set");
            }
            out.add(new ClientDto.Rule(endpointId, at(cp, i), at(cv, i), tp.get(i), at(ov, i)));
        }
        return out;
    }

    private static String at(List<String> l, int i) {
        return i < l.size() ? l.get(i) : "";
    }

    private View view(String notice) {
        return View.of(session.get(), "clients", notice);
    }
}
