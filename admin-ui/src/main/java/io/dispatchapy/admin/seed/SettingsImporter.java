package io.dispatchapy.admin.seed;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.entity.Setting;
import io.dispatchapy.model.settings.RuntimeSettings;

/**
 * Maps the seed's {@code settings} onto ours. The retry keys take the original's defaults when the seed never saved
 * them (5 attempts, 1..5 s), so behaviour does not silently change; SMTP keys are taken only when the seed has a value.
 * Only values that differ are written, so a second run changes nothing.
 */
@ApplicationScoped
class SettingsImporter {
    static final String KIND = "settings";

    private final SeedSecrets secrets;

    SettingsImporter(SeedSecrets secrets) {
        this.secrets = secrets;
    }

    /** Applies the settings; answers the attempt budget the original gave new tasks. */
    int run(ImportContext ctx) {
        ImportReport report = ctx.report;
        Map<String, SeedRow> seed = new LinkedHashMap<>();
        for (SeedRow row : ctx.seed.rows("settings")) {
            String key = row.str("key");
            if (key != null) {
                seed.put(key, row);
            }
        }
        report.count(KIND).inSeed = seed.size();
        Map<String, String> wanted = new LinkedHashMap<>();
        int maxAttempts = number(seed, "max_failure_attempts", 5, 1, 100, report);
        int min = number(seed, "task_delay_min", 1, 0, Integer.MAX_VALUE, report);
        int max = Math.max(min, number(seed, "task_delay_max", 5, 0, Integer.MAX_VALUE, report));
        wanted.put(RuntimeSettings.MAX_ATTEMPTS, String.valueOf(maxAttempts));
        wanted.put(RuntimeSettings.RETRY_DELAY_MIN, String.valueOf(min));
        wanted.put(RuntimeSettings.RETRY_DELAY_MAX, String.valueOf(max));
        boolean cleanup = "true".equalsIgnoreCase(text(seed, "enable_task_cleanup"));
        wanted.put(RuntimeSettings.TASK_RETENTION_DAYS,
                cleanup ? String.valueOf(number(seed, "task_cleanup_days", 30, 1, Integer.MAX_VALUE, report)) : null);
        smtp(seed, wanted, "smtp_server", "smtp.host");
        smtp(seed, wanted, "smtp_port", "smtp.port");
        smtp(seed, wanted, "smtp_username", "smtp.username");
        smtp(seed, wanted, "smtp_password", "smtp.password");
        smtp(seed, wanted, "email_from", "smtp.from");
        String encryption = text(seed, "smtp_encryption");
        if (encryption != null) {
            wanted.put("smtp.encryption",
                    encryption.trim().toLowerCase(Locale.ROOT).equals("ssl_tls") ? "ssl" : "starttls");
        }
        wanted.forEach((key, value) -> apply(ctx, seed, key, value));
        return maxAttempts;
    }

    private void apply(ImportContext ctx, Map<String, SeedRow> seed, String key, String value) {
        Setting current = Setting.findById(key);
        String from = current == null ? null : current.value;
        boolean secret = key.equals("smtp.password");
        // a stored password is compared in clear: each encryption of it differs
        if (Objects.equals(secret ? secrets.openOrNull(from) : from, value)) {
            ctx.report.count(KIND).existing++;
            return;
        }
        ctx.report.settings.add(new ImportReport.SettingChange(key, secret && from != null ? "(set)" : from,
                secret && value != null ? "(set)" : value));
        ctx.report.count(KIND).created++;
        if (ctx.write) {
            Setting s = current == null ? new Setting() : current;
            s.key = key;
            s.value = secret && value != null
                    ? secrets.seal(seed.get("smtp_password"), "smtp.password", value, ctx.report) : value;
            if (current == null) {
                s.persist();
            }
        }
    }

    private static void smtp(Map<String, SeedRow> seed, Map<String, String> wanted, String seedKey, String key) {
        String v = text(seed, seedKey);
        if (v != null && !v.isBlank()) {
            wanted.put(key, key.equals("smtp.password") ? v : v.trim());
        }
    }

    private static int number(Map<String, SeedRow> seed, String key, int seedDefault, int low, int high,
            ImportReport report) {
        String v = text(seed, key);
        if (v == null || v.isBlank()) {
            return seedDefault;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= low && n <= high) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        int used = seedDefault < low ? low : seedDefault;
        report.warning(seed.get(key), key + " = " + ImportContext.quote(v) + " is not a number in " + low + ".."
                + (high == Integer.MAX_VALUE ? "" : high) + "; the original's default " + used + " is imported");
        return used;
    }

    private static String text(Map<String, SeedRow> seed, String key) {
        SeedRow row = seed.get(key);
        return row == null ? null : row.str("value");
    }
}
