package io.dispatchapy.admin.ui;

/** A signed-in admin or client; {@code clientId} is set for client sessions only. */
public record UiSession(String idHash, String kind, Long clientId, String clientName, String csrfToken) {

    public static final String ADMIN = "admin";
    public static final String CLIENT = "client";

    public boolean admin() {
        return ADMIN.equals(kind);
    }
}
