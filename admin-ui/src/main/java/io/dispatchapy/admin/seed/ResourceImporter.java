package io.dispatchapy.admin.seed;

import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.entity.Resource;
import io.dispatchapy.model.entity.ResourceStatus;

/** Imports the seed's {@code resources}: matched by name; an existing resource is kept as it is. */
@ApplicationScoped
class ResourceImporter {
    static final String KIND = "resources";

    private final SeedSecrets secrets;

    ResourceImporter(SeedSecrets secrets) {
        this.secrets = secrets;
    }

    void run(ImportContext ctx) {
        ImportReport report = ctx.report;
        ImportReport.Count count = report.count(KIND);
        Set<String> names = new HashSet<>();
        for (SeedRow row : ctx.seed.rows("resources")) {
            count.inSeed++;
            String name = row.str("name");
            String url = row.str("endpoint");
            if (name == null || name.isBlank() || url == null || url.isBlank()) {
                report.error(row, "resource without a name or URL; not imported");
                count.skipped++;
                continue;
            }
            name = name.trim();
            if (name.length() > 200 || url.trim().length() > 2000) {
                report.error(row, "name longer than 200 or URL longer than 2000 characters; not imported");
                count.skipped++;
                continue;
            }
            if (!names.add(name)) {
                report.error(row, "a second resource named " + ImportContext.quote(name) + "; not imported");
                count.skipped++;
                continue;
            }
            Resource existing = Resource.find("name", name).firstResult();
            if (existing != null) {
                report.info(row, "resource " + ImportContext.quote(name) + " already exists; kept unchanged");
                ctx.resources.put(row.id(), existing);
                count.existing++;
                continue;
            }
            Resource r = map(row, name, url.trim(), report);
            ctx.persist(r);
            ctx.resources.put(row.id(), r);
            count.created++;
        }
    }

    private Resource map(SeedRow row, String name, String url, ImportReport report) {
        Resource r = new Resource();
        r.name = name;
        r.url = url;
        r.includeRaw = true; // the original always sent _raw
        r.headers = secrets.resourceHeaders(row, SeedJson.stringMap(row, "headers", report), report);
        r.requiredParams = SeedJson.stringList(row, "required_params", report);
        r.active = row.bool("is_active", true, report);
        r.status = row.bool("healthy", true, report) ? ResourceStatus.UP : ResourceStatus.DOWN;
        r.lastCheckedAt = row.time("last_checked", report);
        r.nextCheckAt = row.time("next_health_check_at", report);
        r.hcEnabled = row.bool("is_health_check_enabled", true, report);
        r.hcMethod = hcMethod(row, report);
        r.hcTestValues = SeedJson.objectMap(row, "health_check_test_values", report);
        intervals(r, row, report);
        r.emailEnabled = row.bool("send_failure_email", false, report);
        r.emailRecipients = row.str("notification_email");
        r.emailSubject = row.str("notification_subject");
        r.emailBody = row.str("notification_template");
        r.webhookEnabled = row.bool("send_failure_webhook", false, report);
        r.webhookUrl = row.str("failure_webhook_url");
        r.webhookHeaders = secrets.webhookHeaders(row, SeedJson.stringMap(row, "failure_webhook_headers", report),
                report);
        r.webhookPayload = SeedJson.value(row, "failure_webhook_payload", report);
        return r;
    }

    private static String hcMethod(SeedRow row, ImportReport report) {
        String m = row.str("health_check_method");
        if (m == null || m.equals("simple")) {
            return "tcp";
        }
        if (m.equals("actual")) {
            return "post";
        }
        report.warning(row, "unknown health_check_method " + ImportContext.quote(m) + "; imported as tcp");
        return "tcp";
    }

    private static void intervals(Resource r, SeedRow row, ImportReport report) {
        Integer min = row.integer("health_check_interval_min");
        Integer max = row.integer("health_check_interval_max");
        int lo = min == null ? 60 : min;
        int hi = max == null ? 90 : max;
        if (lo < 1 || hi < 1) {
            report.warning(row, "health-check interval " + lo + ".." + hi + " s is not positive; raised to 1 s");
            lo = Math.max(lo, 1);
            hi = Math.max(hi, 1);
        }
        if (hi < lo) {
            report.warning(row, "health-check interval max " + hi + " s is below min " + lo
                    + " s (the original's check loop crashed on this); max imported as " + lo + " s");
            hi = lo;
        }
        r.hcIntervalMinSeconds = lo;
        r.hcIntervalMaxSeconds = hi;
    }
}
