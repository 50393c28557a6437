package io.dispatchapy.admin.ui;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.dispatchapy.admin.seed.ImportReport;
import io.dispatchapy.admin.seed.SeedImportException;
import io.dispatchapy.admin.seed.SeedImportService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Upload of the original Dispatchapy's SQLite database on the settings page: a dry run first, then the import. */
@Path("/settings/import-seed")
@Produces(MediaType.TEXT_HTML)
@UiAccess(UiAccess.Role.ADMIN)
public class SeedImportPage {
    private final CurrentSession session;
    private final SeedImportService importer;

    public SeedImportPage(CurrentSession session, SeedImportService importer) {
        this.session = session;
        this.importer = importer;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance result(View ui, ImportReport report, String error);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public TemplateInstance upload(@RestForm("file") FileUpload file, @RestForm(Form.CSRF_FIELD) String csrf,
            @RestForm("dryRun") String dryRun, @RestForm("withTasks") String withTasks) {
        UiSession s = session.get();
        if (!Form.tokenMatches(csrf, s.csrfToken())) {
            throw new UiException(403,
                    "The form has expired or did not come from this site (CSRF token missing or wrong)");
        }
        View view = View.of(s, "settings", null);
        if (file == null || file.size() == 0) {
            return Templates.result(view, null, "Choose the original's data/dispatchapy.db file to upload.");
        }
        try {
            ImportReport report = importer.importFile(file.uploadedFile(), file.fileName(), "true".equals(dryRun),
                    "true".equals(withTasks));
            return Templates.result(view, report, null);
        } catch (SeedImportException e) {
            return Templates.result(view, null,
                    e.getMessage().replace(file.uploadedFile().toString(), file.fileName()));
        }
    }
}
