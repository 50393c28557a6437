package io.dispatchapy.admin.ui;

import jakarta.enterprise.context.RequestScoped;

/** The session of the current UI request, set by {@link UiFilter}. */
@RequestScoped
public class CurrentSession {
    private UiSession session;

    public UiSession get() {
        if (session == null) {
            throw new IllegalStateException("No UI session on this request");
        }
        return session;
    }

    /** The session when the request went through {@link UiFilter} (a UI page), else empty. */
    public java.util.Optional<UiSession> find() {
        return java.util.Optional.ofNullable(session);
    }

    void set(UiSession session) {
        this.session = session;
    }

    public boolean admin() {
        return get().admin();
    }
}
