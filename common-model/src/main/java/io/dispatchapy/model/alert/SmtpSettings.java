package io.dispatchapy.model.alert;

import java.util.Map;

/** The mail server from the runtime settings ({@code smtp.*}). {@code encryption}: starttls, ssl or none. */
public record SmtpSettings(String host, int port, String username, String password, String from, String encryption) {

    public static SmtpSettings from(Map<String, String> settings) {
        int port;
        try {
            port = Integer.parseInt(settings.getOrDefault("smtp.port", "587"));
        } catch (NumberFormatException e) {
            port = 587;
        }
        String enc = settings.get("smtp.encryption");
        return new SmtpSettings(settings.get("smtp.host"), port, settings.get("smtp.username"),
                settings.get("smtp.password"), settings.get("smtp.from"), enc == null ? "starttls" : enc);
    }

    public boolean configured() {
        return host != null && !host.isBlank() && from != null && !from.isBlank();
    }
}
