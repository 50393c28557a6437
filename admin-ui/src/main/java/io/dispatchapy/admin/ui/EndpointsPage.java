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
import io.dispatchapy.admin.rest.ResourceDto;
import io.dispatchapy.admin.service.ApiException;
import io.dispatchapy.admin.service.ClientService;
import io.dispatchapy.admin.service.EndpointRulesService;
import io.dispatchapy.admin.service.EndpointService;
import io.dispatchapy.admin.service.ResourceService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Endpoints: list, create, edit (with the failover order), duplicate, delete, activate, dev mode. */
@Path("/endpoints")
@Produces(MediaType.TEXT_HTML)
@UiAccess(UiAccess.Role.ADMIN)
public class EndpointsPage {
    static final Map<String, String> FIELDS = Map.of("path", "path", "An endpoint with path", "path", "description",
            "description", "requiredParams", "requiredParams", "resourceIds", "resourceIds", "Unknown resource",
            "resourceIds");

    private final CurrentSession session;
    private final EndpointService endpoints;
    private final ResourceService resources;
    private final EndpointRulesService rules;
    private final ClientService clients;
    private final EndpointClients links;

    public EndpointsPage(CurrentSession session, EndpointService endpoints, ResourceService resources,
            EndpointRulesService rules, ClientService clients, EndpointClients links) {
        this.clients = clients;
        this.links = links;
        this.session = session;
        this.endpoints = endpoints;
        this.resources = resources;
        this.rules = rules;
    }

    public record Option(long id, String name) {
    }

    public record Row(EndpointDto e, String resourceNames) {
    }

    public record EndpointForm(Long id, String path, String description, String requiredParams, boolean active,
            List<Option> order, List<Option> available, List<Option> clients, List<Long> clientIds) {

        public boolean allows(Long clientId) {
            return clientIds.contains(clientId);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(View ui, List<Row> endpoints, boolean haveResources);

        static native TemplateInstance form(View ui, EndpointForm ep, FieldErrors errors);
    }

    @GET
    public TemplateInstance list(@QueryParam("notice") String notice) {
        Map<Long, String> names = names();
        List<Row> rows = endpoints.list().stream().sorted(Comparator.comparing(EndpointDto::path))
                .map(e -> new Row(e,
                        e.resourceIds().isEmpty() ? "—"
                                : e.resourceIds().stream().map(names::get).collect(Collectors.joining(" → "))))
                .toList();
        return Templates.list(view(notice), rows, !names.isEmpty());
    }

    @GET
    @Path("new")
    public TemplateInstance createForm() {
        List<Option> all = options();
        return Templates.form(view(null),
                new EndpointForm(null, "", "", "ref\nscope", true, all, all, clientOptions(), List.of()),
                FieldErrors.none());
    }

    @GET
    @Path("edit/{id}")
    public TemplateInstance editForm(@PathParam("id") long id) {
        EndpointDto e = endpoints.get(id).orElseThrow(() -> UiException.notFound("Endpoint " + id));
        Map<Long, String> names = names();
        List<Option> order = e.resourceIds().stream().map(r -> new Option(r, names.get(r))).toList();
        return Templates.form(view(null), new EndpointForm(id, e.path(), e.description() == null ? "" : e.description(),
                String.join("\n", e.requiredParams()), e.active(), order, options(), clientOptions(), clientsOf(id)),
                FieldErrors.none());
    }

    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> form) {
        return save(null, form);
    }

    @POST
    @Path("edit/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        return save(id, form);
    }

    private Response save(Long id, MultivaluedMap<String, String> values) {
        Form f = Form.checked(values, session.get());
        Map<Long, String> names = names();
        List<Option> order = new ArrayList<>();
        EndpointForm input;
        try {
            f.ids("resourceIds").forEach(r -> order.add(new Option(r, names.getOrDefault(r, "#" + r))));
            input = new EndpointForm(id, f.raw("path"), f.raw("description"), f.raw("requiredParams"), f.bool("active"),
                    order, options(), clientOptions(), f.ids("clientIds"));
        } catch (Form.FieldError e) {
            return invalid(
                    new EndpointForm(id, f.raw("path"), f.raw("description"), f.raw("requiredParams"), f.bool("active"),
                            List.of(), options(), clientOptions(), List.of()),
                    FieldErrors.of("resourceIds", e.getMessage()));
        }
        List<String> params = f.lines("requiredParams");
        if (params.isEmpty()) {
            return invalid(input, FieldErrors.of("requiredParams", "Add at least one required parameter"));
        }
        EndpointDto dto = new EndpointDto(null, input.path(), input.description(), params, input.active(),
                order.stream().map(Option::id).toList(), null, null, null, null);
        long saved;
        try {
            saved = id == null ? endpoints.create(dto).id()
                    : endpoints.update(id, dto).orElseThrow(() -> UiException.notFound("Endpoint " + id)).id();
            links.link(saved, input.clientIds());
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw new UiException(e.status(), e.getMessage());
            }
            return invalid(input, FieldErrors.place(e.getMessage(), FIELDS));
        }
        return Response
                .seeOther(URI.create(
                        id == null ? "/endpoints/" + saved + "/rules?notice=created" : "/endpoints?notice=saved"))
                .build();
    }

    private Response invalid(EndpointForm input, FieldErrors errors) {
        return Response.status(400).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.form(view(null), input, errors).render()).build();
    }

    @POST
    @Path("{id}/toggle_active")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response toggleActive(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        Form.checked(form, session.get());
        EndpointDto e = endpoints.get(id).orElseThrow(() -> UiException.notFound("Endpoint " + id));
        endpoints.update(id, new EndpointDto(null, null, null, null, !e.active(), null, null, null, null, null));
        return redirect("saved");
    }

    @POST
    @Path("{id}/toggle_dev_mode")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response toggleDev(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        Form.checked(form, session.get());
        EndpointDto e = endpoints.get(id).orElseThrow(() -> UiException.notFound("Endpoint " + id));
        boolean on = !e.devMode().enabled();
        endpoints.update(id, new EndpointDto(null, null, null, null, null, null,
                new EndpointDto.DevMode(on, null, null), null, null, null));
        return on ? Response.seeOther(URI.create("/endpoints/" + id + "/rules?notice=saved")).build()
                : redirect("saved");
    }

    @POST
    @Path("duplicate/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response duplicate(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        Form.checked(form, session.get());
        EndpointDto e = endpoints.get(id).orElseThrow(() -> UiException.notFound("Endpoint " + id));
        List<String> taken = endpoints.list().stream().map(EndpointDto::path).toList();
        String path = Copies.name(e.path(), taken, 500).replace(' ', '_');
        long copy = endpoints.create(new EndpointDto(null, path, e.description(), e.requiredParams(), e.active(),
                e.resourceIds(), e.devMode(), null, null, null)).id();
        rules.replaceMappings(copy, rules.mappings(id).orElse(List.of()));
        rules.replaceDevRules(copy, rules.devRules(id).orElse(List.of()));
        return Response.seeOther(URI.create("/endpoints/edit/" + copy)).build();
    }

    @POST
    @Path("delete/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        Form.checked(form, session.get());
        if (!endpoints.delete(id)) {
            throw UiException.notFound("Endpoint " + id);
        }
        return redirect("deleted");
    }

    private List<Option> options() {
        return resources.list().stream().sorted(Comparator.comparing(ResourceDto::name))
                .map(r -> new Option(r.id(), r.name())).toList();
    }

    private List<Option> clientOptions() {
        return clients.list().stream().sorted(Comparator.comparing(ClientDto::name))
                .map(c -> new Option(c.id(), c.name())).toList();
    }

    private List<Long> clientsOf(long endpointId) {
        return clients.list().stream().filter(c -> c.endpointIds().contains(endpointId)).map(ClientDto::id).toList();
    }

    private Map<Long, String> names() {
        return resources.list().stream().collect(Collectors.toMap(ResourceDto::id, ResourceDto::name, (a, b) -> a));
    }

    private View view(String notice) {
        return View.of(session.get(), "endpoints", notice);
    }

    private static Response redirect(String notice) {
        return Response.seeOther(URI.create("/endpoints?notice=" + notice)).build();
    }
}
