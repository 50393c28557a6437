package io.dispatchapy.admin.ui;

import java.util.Map;

/** What the layout needs on every page: who is signed in, the CSRF token, the active tab and a notice. */
public record View(boolean admin, String clientName, String csrf, String nav, String notice) {

    private static final Map<String, String> NOTICES = Map.ofEntries(Map.entry("saved", "Saved."),
            Map.entry("created", "Created."), Map.entry("deleted", "Deleted."), Map.entry("duplicated", "Duplicated."),
            Map.entry("retried", "Task re-queued for delivery."), Map.entry("stopped", "Task stopped."),
            Map.entry("imported", "Configuration imported."), Map.entry("batch", "Batch action done."));

    public static View of(UiSession s, String nav, String noticeCode) {
        return new View(s.admin(), s.clientName(), s.csrfToken(), nav,
                noticeCode == null ? null : NOTICES.get(noticeCode));
    }

    public String csrfField() {
        return Form.CSRF_FIELD;
    }
}
