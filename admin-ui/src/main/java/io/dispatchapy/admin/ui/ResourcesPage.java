package io.dispatchapy.admin.ui;

import java.net.URI;
import java.util.List;
import java.util.Map;
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

import io.dispatchapy.admin.rest.ResourceDto;
import io.dispatchapy.admin.service.ApiException;
import io.dispatchapy.admin.service.ResourceService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Resources: list, create, edit, duplicate, delete, activate. */
@Path("/resources")
@Produces(MediaType.TEXT_HTML)
@UiAccess(UiAccess.Role.ADMIN)
public class ResourcesPage {
    private final CurrentSession session;
    private final ResourceService resources;
    private final DashboardQueries queries;

    public ResourcesPage(CurrentSession session, ResourceService resources, DashboardQueries queries) {
        this.session = session;
        this.resources = resources;
        this.queries = queries;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(View ui, List<DashboardQueries.ResourceListRow> resources);

        static native TemplateInstance form(View ui, ResourceForm r, FieldErrors errors);
    }

    @GET
    public TemplateInstance list(@QueryParam("notice") String notice) {
        return Templates.list(view(notice), queries.allResources());
    }

    @GET
    @Path("new")
    public TemplateInstance createForm() {
        return Templates.form(view(null), ResourceForm.empty(), FieldErrors.none());
    }

    @GET
    @Path("edit/{id}")
    public TemplateInstance editForm(@PathParam("id") long id) {
        ResourceDto r = resources.get(id).orElseThrow(() -> UiException.notFound("Resource " + id));
        return Templates.form(view(null), ResourceForm.of(r), FieldErrors.none());
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
        ResourceForm input = ResourceForm.of(id, f);
        try {
            Set<String> storedSecrets = id == null ? Set.of()
                    : resources.get(id).map(r -> r.secretHeaders().keySet()).orElse(Set.of());
            ResourceDto dto = input.toDto(storedSecrets);
            if (id == null) {
                resources.create(dto);
            } else {
                resources.update(id, dto).orElseThrow(() -> UiException.notFound("Resource " + id));
            }
        } catch (Form.FieldError e) {
            return invalid(input, FieldErrors.of(e.field(), e.getMessage()));
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw new UiException(e.status(), e.getMessage());
            }
            return invalid(input, FieldErrors.place(e.getMessage(), ResourceForm.FIELDS));
        }
        return redirect(id == null ? "created" : "saved");
    }

    private Response invalid(ResourceForm input, FieldErrors errors) {
        return Response.status(400).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.form(view(null), input, errors).render()).build();
    }

    @POST
    @Path("toggle/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response toggle(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        Form.checked(form, session.get());
        ResourceDto r = resources.get(id).orElseThrow(() -> UiException.notFound("Resource " + id));
        resources.update(id, new ResourceDto(null, null, null, null, null, null, null, null, null, null, !r.active(),
                null, null, null, null, null));
        return redirect("saved");
    }

    @POST
    @Path("duplicate/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response duplicate(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        Form.checked(form, session.get());
        ResourceDto r = resources.get(id).orElseThrow(() -> UiException.notFound("Resource " + id));
        List<String> taken = resources.list().stream().map(ResourceDto::name).toList();
        String name = Copies.name(r.name(), taken, 200);
        ResourceDto.HealthCheck hc = r.healthCheck();
        ResourceDto.Webhook hook = r.notifications().webhook();
        // secrets are copied encrypted afterwards: the answer only holds their masks
        ResourceDto copy = resources.create(new ResourceDto(null, name, r.url(), r.method(), r.bodyFormat(),
                r.headers(), null, r.requiredParams(), r.timeoutMs(), r.includeRaw(), false, null,
                new ResourceDto.HealthCheck(false, hc.method(), hc.url(), hc.testValues(), hc.intervalMinSeconds(),
                        hc.intervalMaxSeconds(), hc.failureThreshold(), hc.successThreshold()),
                new ResourceDto.Notifications(r.notifications().email(),
                        new ResourceDto.Webhook(hook.enabled(), hook.url(), Map.of(), hook.payload())),
                null, null));
        resources.copySecrets(id, copy.id());
        return redirect("duplicated");
    }

    @POST
    @Path("delete/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        Form.checked(form, session.get());
        try {
            if (!resources.delete(id)) {
                throw UiException.notFound("Resource " + id);
            }
        } catch (ApiException e) {
            throw new UiException(e.status(), e.getMessage());
        }
        return redirect("deleted");
    }

    private View view(String notice) {
        return View.of(session.get(), "resources", notice);
    }

    private static Response redirect(String notice) {
        return Response.seeOther(URI.create("/resources?notice=" + notice)).build();
    }
}
