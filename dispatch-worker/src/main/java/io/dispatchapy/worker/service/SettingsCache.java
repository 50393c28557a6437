package io.dispatchapy.worker.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.settings.RuntimeSettings;
import io.dispatchapy.model.settings.SettingsStore;
import io.dispatchapy.worker.config.WorkerConfig;

/** The database settings, re-read at most every {@code dispatchapy.worker.settings-cache}. */
@ApplicationScoped
public class SettingsCache {
    private final SettingsStore store;
    private final long ttlNanos;
    private volatile RuntimeSettings current;
    private volatile long loadedAt;

    public SettingsCache(SettingsStore store, WorkerConfig config) {
        this.store = store;
        this.ttlNanos = config.settingsCache().toNanos();
    }

    public RuntimeSettings get() {
        long now = System.nanoTime();
        RuntimeSettings s = current;
        if (s == null || now - loadedAt > ttlNanos) {
            s = store.runtime();
            current = s;
            loadedAt = now;
        }
        return s;
    }
}
