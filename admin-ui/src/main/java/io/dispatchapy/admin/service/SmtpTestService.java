package io.dispatchapy.admin.service;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.alert.MailGateway;
import io.dispatchapy.model.alert.SmtpSettings;
import io.dispatchapy.model.settings.SettingsStore;

/**
 * Tests the mail server by sending a short message: the mail client logs in as part of sending, so a delivered test
 * mail proves host, port, encryption and credentials together. Form values override the stored settings, so an operator
 * can try before saving.
 */
@ApplicationScoped
public class SmtpTestService {
    private final SettingsStore settings;
    private final MailGateway mail;

    public SmtpTestService(SettingsStore settings, MailGateway mail) {
        this.settings = settings;
        this.mail = mail;
    }

    /** Returns the recipient; throws 400 for missing settings, 502 when the server refuses. */
    public String test(Map<String, Object> overrides) {
        Map<String, String> values = new java.util.HashMap<>(settings.all());
        for (String key : List.of("host", "port", "username", "password", "from", "encryption")) {
            Object v = overrides.get(key);
            if (v != null && !String.valueOf(v).isBlank()) {
                values.put("smtp." + key, String.valueOf(v));
            }
        }
        SmtpSettings smtp = SmtpSettings.from(values);
        if (!smtp.configured()) {
            throw ApiException.badRequest("SMTP host and from address must be set to test the connection");
        }
        String to = overrides.get("to") == null || String.valueOf(overrides.get("to")).isBlank() ? smtp.from()
                : String.valueOf(overrides.get("to")).trim();
        try {
            mail.send(smtp, List.of(to), "Dispatchapy SMTP test",
                    "This is a test message from Dispatchapy. Alerts will be sent through this server.");
            return to;
        } catch (MailGateway.MailException e) {
            throw new ApiException(502, "SMTP test failed: " + e.getMessage());
        }
    }
}
