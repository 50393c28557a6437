package io.dispatchapy.admin.ui;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Renders UI failures as a small HTML page. */
public class UiErrors {

    @CheckedTemplate(basePath = "UiErrors")
    static class Templates {
        static native TemplateInstance error(int status, String message);
    }

    /** A page that failed to render: an HTML error, logged, never a stack trace or JSON. */
    @ServerExceptionMapper
    public Response template(io.quarkus.qute.TemplateException e) {
        io.quarkus.logging.Log.error("A UI page failed to render", e);
        return ui(new UiException(500, "The page could not be shown. The error was logged."));
    }

    @ServerExceptionMapper
    public Response ui(UiException e) {
        return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.error(e.status(), e.getMessage()).render()).build();
    }
}
