package io.dispatchapy.admin.ui;

import java.net.URI;
import java.util.Comparator;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dispatchapy.admin.rest.ClientDto;
import io.dispatchapy.admin.rest.EndpointDto;
import io.dispatchapy.admin.service.ApiException;
import io.dispatchapy.admin.service.ClientService;
import io.dispatchapy.admin.service.EndpointService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The client's own settings (dev hold and override rules) and the API docs, shared with admins. */
@Path("/")
@UiAccess(UiAccess.Role.ANY)
public class PortalPage {
    private final CurrentSession session;
    private final ClientService clients;
    private final EndpointService endpoints;
    private final ApiDocs docs;

    public PortalPage(CurrentSession session, ClientService clients, EndpointService endpoints, ApiDocs docs) {
        this.session = session;
        this.clients = clients;
        this.endpoints = endpoints;
        this.docs = docs;
    }

    public record Example(EndpointDto endpoint, String curl) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance settings(View ui, ClientDto client, ClientsPage.ClientForm c,
                List<EndpointDto> own, FieldErrors errors);

        static native TemplateInstance documentation(View ui, List<Example> examples, String tokenHint);
    }

    @GET
    @Path("client/settings")
    @Produces(MediaType.TEXT_HTML)
    public Response settings(@QueryParam("notice") String notice) {
        UiSession s = session.get();
        if (s.admin()) {
            return Response.seeOther(URI.create("/clients")).build();
        }
        ClientDto c = own();
        return Response.ok(page(View.of(s, "client-settings", notice), c, c.devMode().holdTasks(),
                c.devMode().rulesEnabled(), c.devMode().rules(), FieldErrors.none()).render()).build();
    }

    /** A client changes only its own dev flags and override rules, for its own endpoints. */
    @POST
    @Path("client/settings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response save(MultivaluedMap<String, String> values) {
        UiSession s = session.get();
        Form f = Form.checked(values, s);
        if (s.admin()) {
            throw new UiException(403, "Admins edit clients on the Clients page.");
        }
        ClientDto c = own();
        List<ClientDto.Rule> rules;
        try {
            rules = ClientsPage.rules(f);
        } catch (Form.FieldError e) {
            return invalid(s, c, f, List.of(), e.getMessage());
        }
        for (ClientDto.Rule r : rules) {
            if (r.endpointId() != null && !c.endpointIds().contains(r.endpointId())) {
                throw new UiException(403, "A rule may only name your own endpoints.");
            }
        }
        try {
            clients.update(c.id(), new ClientDto(null, null, null, null, null,
                    new ClientDto.DevMode(f.bool("devHold"), f.bool("devRules"), rules), null, null, null));
        } catch (ApiException e) {
            return invalid(s, c, f, rules, e.getMessage());
        }
        return Response.seeOther(URI.create("/client/settings?notice=saved")).build();
    }

    private Response invalid(UiSession s, ClientDto c, Form f, List<ClientDto.Rule> rules, String message) {
        return Response
                .status(400).type(MediaType.TEXT_HTML_TYPE).entity(page(View.of(s, "client-settings", null), c,
                        f.bool("devHold"), f.bool("devRules"), rules, FieldErrors.of("rules", message)).render())
                .build();
    }

    @GET
    @Path("documentation")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance documentation(@Context UriInfo uri) {
        UiSession s = session.get();
        String base = uri.getBaseUri().toString();
        List<Example> examples = visible().stream().map(e -> new Example(e, docs.curl(base, e))).toList();
        String hint = s.admin() ? null : own().tokenPrefix();
        return Templates.documentation(View.of(s, "docs", null), examples, hint);
    }

    @GET
    @Path("openapi-user.json")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode openApi() {
        UiSession s = session.get();
        return docs.openApi(visible(), s.admin() ? "administrator (every active endpoint)" : s.clientName());
    }

    private List<EndpointDto> visible() {
        UiSession s = session.get();
        List<Long> own = s.admin() ? null : own().endpointIds();
        return endpoints.list().stream().filter(e -> Boolean.TRUE.equals(e.active()))
                .filter(e -> own == null || own.contains(e.id())).sorted(Comparator.comparing(EndpointDto::path))
                .toList();
    }

    private TemplateInstance page(View view, ClientDto c, boolean hold, boolean rulesOn, List<ClientDto.Rule> rules,
            FieldErrors errors) {
        List<EndpointDto> own = endpoints.list().stream().filter(e -> c.endpointIds().contains(e.id()))
                .sorted(Comparator.comparing(EndpointDto::path)).toList();
        ClientsPage.ClientForm form = new ClientsPage.ClientForm(c.id(), c.name(), "", c.endpointIds(), hold, rulesOn,
                rules, own, ClientsPage.keys(own, c.endpointIds()));
        return Templates.settings(view, c, form, own, errors);
    }

    private ClientDto own() {
        long id = session.get().clientId();
        return clients.get(id).orElseThrow(() -> UiException.notFound("Client " + id));
    }
}
