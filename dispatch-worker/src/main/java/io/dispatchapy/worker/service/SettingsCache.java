package io.dispatchapy.worker.service;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.settings.RuntimeSettings;
import io.dispatchapy.model.settings.SettingsStore;
import io.dispatchapy.worker.config.WorkerConfig;

/** The database settings, re-read at most every {@code dispatchapy.worker.settings-cache}. */
@ApplicationScoped
public class SettingsCache {
    private final SettingsStore store;
    private final long ttlNanos;
    private volatile Snapshot current;

    private record Snapshot(Map<String, String> values, RuntimeSettings runtime, long loadedAt) {
    }

    public SettingsCache(SettingsStore store, WorkerConfig config) {
        this.store = store;
        this.ttlNanos = config.settingsCache().toNanos();
    }

    public RuntimeSettings get() {
        return snapshot().runtime();
    }

    /** A true/false setting; anything but {@code true} is false. */
    public boolean flag(String key) {
        return "true".equalsIgnoreCase(snapshot().values().get(key));
    }

    private Snapshot snapshot() {
        long now = System.nanoTime();
        Snapshot s = current;
        if (s == null || now - s.loadedAt() > ttlNanos) {
            Map<String, String> values = store.all();
            s = new Snapshot(values, RuntimeSettings.from(values), now);
            current = s;
        }
        return s;
    }
}
