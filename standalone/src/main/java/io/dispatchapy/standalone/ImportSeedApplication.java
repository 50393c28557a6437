package io.dispatchapy.standalone;

import jakarta.inject.Singleton;

import io.dispatchapy.admin.seed.ImportReport;
import io.dispatchapy.admin.seed.SeedImportException;
import io.dispatchapy.admin.seed.SeedImportService;
import io.quarkus.runtime.QuarkusApplication;

/** Runs {@code import-seed}, prints the report and ends the process with its exit status instead of waiting. */
@Singleton
public class ImportSeedApplication implements QuarkusApplication {
    private final SeedImportService importer;

    public ImportSeedApplication(SeedImportService importer) {
        this.importer = importer;
    }

    @Override
    public int run(String... args) {
        ImportSeedCommand command = ImportSeedCommand.parse(args);
        try {
            ImportReport report = importer.importFile(command.file(), command.file().toAbsolutePath().toString(),
                    command.dryRun(), command.withTasks());
            System.out.print(report.toText());
            System.out.flush();
            return ImportSeedCommand.OK;
        } catch (SeedImportException e) {
            System.err.println("Error: " + e.getMessage());
            return ImportSeedCommand.FAILED;
        } catch (RuntimeException e) {
            System.err.println("Error: the import failed and nothing was written: " + e);
            e.printStackTrace();
            return ImportSeedCommand.FAILED;
        }
    }
}
