package io.dispatchapy.admin.ui;

import java.net.URI;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dispatchapy.admin.rest.SettingsDto;
import io.dispatchapy.admin.service.ApiException;
import io.dispatchapy.admin.service.ConfigService;
import io.dispatchapy.admin.service.SettingsService;
import io.dispatchapy.admin.service.SmtpTestService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Runtime settings, SMTP (password write-only) and configuration export/import. */
@Path("/settings")
@Produces(MediaType.TEXT_HTML)
@UiAccess(UiAccess.Role.ADMIN)
public class SettingsPage {
    private static final String[] INTS = { "maxAttempts", "retryDelayMinSeconds", "retryDelayMaxSeconds",
            "taskRetentionDays", "healthRetentionDays" };
    private static final Map<String, String> FIELDS = Map.of("maxAttempts", "maxAttempts", "retryDelayMinSeconds",
            "retryDelayMinSeconds", "retryDelayMaxSeconds", "retryDelayMaxSeconds", "taskRetentionDays",
            "taskRetentionDays", "healthRetentionDays", "healthRetentionDays", "smtp.host", "smtp.host", "smtp.port",
            "smtp.port", "smtp.username", "smtp.username", "smtp.from", "smtp.from", "smtp.encryption",
            "smtp.encryption");

    private final CurrentSession session;
    private final SettingsService settings;
    private final ConfigService config;
    private final ObjectMapper mapper;
    private final SmtpTestService smtp;

    public SettingsPage(CurrentSession session, SettingsService settings, ConfigService config, ObjectMapper mapper,
            SmtpTestService smtp) {
        this.session = session;
        this.smtp = smtp;
        this.settings = settings;
        this.config = config;
        this.mapper = mapper;
    }

    /** The form's text values (what is stored, or what the admin typed). */
    public record Values(String maxAttempts, String retryDelayMinSeconds, String retryDelayMaxSeconds,
            String taskRetentionDays, String host, String port, String username, boolean passwordSet, String from,
            String encryption, String healthRetentionDays, boolean alertTaskFailed, boolean alertFailover) {

        static Values of(SettingsDto s) {
            SettingsDto.Smtp m = s.smtp();
            return new Values(String.valueOf(s.maxAttempts()), String.valueOf(s.retryDelayMinSeconds()),
                    String.valueOf(s.retryDelayMaxSeconds()),
                    s.taskRetentionDays() == null ? "" : String.valueOf(s.taskRetentionDays()), nz(m.host()),
                    m.port() == null ? "" : String.valueOf(m.port()), nz(m.username()), m.passwordSet(), nz(m.from()),
                    m.encryption(), String.valueOf(s.healthRetentionDays()), s.alerts().taskFailed(),
                    s.alerts().failover());
        }

        private static String nz(String s) {
            return s == null ? "" : s;
        }
    }

    public record ImportState(String text, String error, ConfigService.ImportResult result) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance settings(View ui, Values v, FieldErrors errors, ImportState imported);

        static native TemplateInstance smtp(boolean ok, String message);
    }

    /** Logs in to the stored SMTP server and sends a test mail; the result is shown inline. */
    @POST
    @Path("smtp-test")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance smtpTest(MultivaluedMap<String, String> values) {
        Form f = Form.checked(values, session.get());
        try {
            String to = smtp.test(f.get("to") == null ? Map.of() : Map.of("to", f.get("to")));
            return Templates.smtp(true, "Logged in and sent a test mail to " + to + ".");
        } catch (ApiException e) {
            return Templates.smtp(false, e.getMessage());
        } catch (RuntimeException e) {
            return Templates.smtp(false, "The test failed: " + e.getMessage());
        }
    }

    @GET
    public TemplateInstance page(@QueryParam("notice") String notice) {
        return Templates.settings(View.of(session.get(), "settings", notice), Values.of(settings.get()),
                FieldErrors.none(), new ImportState("", null, null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(MultivaluedMap<String, String> values) {
        Form f = Form.checked(values, session.get());
        Values typed = new Values(f.raw("maxAttempts"), f.raw("retryDelayMinSeconds"), f.raw("retryDelayMaxSeconds"),
                f.raw("taskRetentionDays"), f.raw("smtp.host"), f.raw("smtp.port"), f.raw("smtp.username"),
                settings.get().smtp().passwordSet(), f.raw("smtp.from"), f.raw("smtp.encryption"),
                f.raw("healthRetentionDays"), f.bool("alerts.taskFailed"), f.bool("alerts.failover"));
        try {
            ObjectNode body = mapper.createObjectNode();
            for (String field : INTS) {
                body.put(field, f.integer(field, field));
            }
            body.putObject("alerts").put("taskFailed", f.bool("alerts.taskFailed")).put("failover",
                    f.bool("alerts.failover"));
            ObjectNode smtp = body.putObject("smtp");
            smtp.put("host", f.get("smtp.host")).put("port", f.integer("smtp.port", "smtp.port"));
            smtp.put("username", f.get("smtp.username")).put("from", f.get("smtp.from"));
            smtp.put("encryption", f.get("smtp.encryption"));
            if (f.bool("smtp.clearPassword")) {
                smtp.put("password", "");
            } else if (f.get("smtp.password") != null) {
                smtp.put("password", f.raw("smtp.password"));
            }
            settings.update(body);
        } catch (Form.FieldError e) {
            return invalid(typed, FieldErrors.of(e.field(), e.getMessage()));
        } catch (ApiException e) {
            return invalid(typed, FieldErrors.place(e.getMessage(), FIELDS));
        }
        return Response.seeOther(URI.create("/settings?notice=saved")).build();
    }

    @GET
    @Path("export")
    @Produces(MediaType.APPLICATION_JSON)
    public Response export() {
        return Response.ok(config.export())
                .header("Content-Disposition", "attachment; filename=\"dispatchapy-config.json\"").build();
    }

    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response importConfig(MultivaluedMap<String, String> values) {
        Form f = Form.checked(values, session.get());
        String text = f.raw("config");
        ImportState state;
        int status = 200;
        try {
            JsonNode doc = mapper.readTree(text);
            state = new ImportState("", null, config.apply(doc));
        } catch (ApiException e) {
            state = new ImportState(text, e.getMessage(), null);
            status = 400;
        } catch (Exception e) {
            state = new ImportState(text, "The configuration is not valid JSON.", null);
            status = 400;
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).header("Cache-Control", "no-store")
                .entity(Templates.settings(View.of(session.get(), "settings", null), Values.of(settings.get()),
                        FieldErrors.none(), state).render())
                .build();
    }

    private Response invalid(Values typed, FieldErrors errors) {
        return Response.status(400).type(MediaType.TEXT_HTML_TYPE).entity(Templates
                .settings(View.of(session.get(), "settings", null), typed, errors, new ImportState("", null, null))
                .render()).build();
    }
}
