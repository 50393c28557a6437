package io.dispatchapy.admin.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.dispatchapy.admin.seed.ImportReport;
import io.dispatchapy.admin.seed.SeedImportException;
import io.dispatchapy.admin.seed.SeedImportService;
import io.dispatchapy.admin.service.ApiException;

/** Upload of the original Dispatchapy's SQLite database ({@code data/dispatchapy.db}) for import. */
@jakarta.ws.rs.Path("/admin/api/v1/import/seed")
@Tag(name = "Import", description = "Move from the original Python Dispatchapy")
public class SeedImportResource {
    private final SeedImportService service;

    public SeedImportResource(SeedImportService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import the original's SQLite file sent as the raw body; dryRun (default true) writes nothing")
    public ImportReport importSeed(InputStream body, @QueryParam("dryRun") @DefaultValue("true") boolean dryRun,
            @QueryParam("withTasks") @DefaultValue("false") boolean withTasks) {
        Path file = null;
        try {
            file = Files.createTempFile("dispatchapy-seed-", ".db");
            long size = Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            if (size == 0) {
                throw ApiException.badRequest("The body is empty: send the original's data/dispatchapy.db as "
                        + MediaType.APPLICATION_OCTET_STREAM);
            }
            return service.importFile(file, "uploaded file (" + size + " bytes)", dryRun, withTasks);
        } catch (SeedImportException e) {
            throw ApiException.badRequest(e.getMessage().replace(String.valueOf(file), "the uploaded file"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the uploaded file", e);
        } finally {
            deleteQuietly(file);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temp file; the OS cleans up
            }
        }
    }
}
