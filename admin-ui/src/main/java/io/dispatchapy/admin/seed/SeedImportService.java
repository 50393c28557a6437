package io.dispatchapy.admin.seed;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;

import io.dispatchapy.admin.audit.AuditLog;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

/**
 * Imports a database of the original Python Dispatchapy in one transaction: resources, endpoints with their ordered
 * resources, parameter rules, dev rules, clients with their tokens and links, settings and optionally the task history.
 * Rows that already exist (resource name, endpoint path, client token) are kept unchanged, so a second run changes
 * nothing. A dry run goes through the same steps without writing and rolls back.
 */
@ApplicationScoped
public class SeedImportService {
    private final ResourceImporter resources;
    private final EndpointImporter endpoints;
    private final MappingImporter mappings;
    private final DevRuleImporter devRules;
    private final ClientImporter clients;
    private final SettingsImporter settings;
    private final TaskImporter tasks;
    private final TransactionManager transactions;
    private final AuditLog audit;

    SeedImportService(ResourceImporter resources, EndpointImporter endpoints, MappingImporter mappings,
            DevRuleImporter devRules, ClientImporter clients, SettingsImporter settings, TaskImporter tasks,
            TransactionManager transactions, AuditLog audit) {
        this.audit = audit;
        this.resources = resources;
        this.endpoints = endpoints;
        this.mappings = mappings;
        this.devRules = devRules;
        this.clients = clients;
        this.settings = settings;
        this.tasks = tasks;
        this.transactions = transactions;
    }

    /**
     * @param source
     *            how the file is named in the report
     *
     * @throws SeedImportException
     *             when the file is missing or not a database of the original
     */
    @Transactional
    @TransactionConfiguration(timeout = 3600) // a seed with a long task history takes a while
    public ImportReport importFile(Path file, String source, boolean dryRun, boolean withTasks) {
        ImportReport report = new ImportReport(source, dryRun, withTasks);
        try (SeedDatabase seed = SeedDatabase.open(file)) {
            ImportContext ctx = new ImportContext(seed, report);
            resources.run(ctx);
            endpoints.run(ctx);
            mappings.run(ctx);
            devRules.endpointRules(ctx);
            clients.run(ctx);
            devRules.clientRules(ctx);
            int maxAttempts = settings.run(ctx);
            if (withTasks) {
                tasks.run(ctx, maxAttempts);
            } else if (seed.has("tasks")) {
                report.count(TaskImporter.KIND).inSeed = seed.rows("tasks").size();
                report.count(TaskImporter.KIND).skipped = report.count(TaskImporter.KIND).inSeed;
                report.problem(ImportReport.INFO, "tasks", null, "task history not imported (use --with-tasks /"
                        + " withTasks=true); unfinished tasks of the original are not delivered here without it");
            }
        }
        if (dryRun) {
            rollback();
        } else {
            audit.record("import", "seed", null,
                    "seed database " + source + " imported" + (withTasks ? " with task history" : ""), null,
                    java.util.Map.of("counts", report.counts));
        }
        Log.infof("Seed import of %s: %s, %d problem(s)", source, dryRun ? "dry run" : "applied",
                report.problems.size());
        return report;
    }

    private void rollback() {
        try {
            transactions.setRollbackOnly();
        } catch (SystemException | IllegalStateException e) {
            throw new IllegalStateException("Could not end the dry run without writing", e);
        }
    }
}
