package io.dispatchapy.admin.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.http.HttpServerRequest;

/**
 * Counts failed logins per address and in total over a sliding window (in memory, per replica) and says how long a
 * caller must wait once a limit is reached. Shared by the admin sign-in, the client portal sign-in and HTTP Basic on
 * the admin API. The global limit stops a slow spread-out guessing attack; its price is that such an attack also locks
 * out genuine sign-ins for up to one window (existing sessions keep working).
 */
@ApplicationScoped
public class LoginThrottle {
    private static final String GLOBAL = "*";

    private final UiConfig config;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(UiConfig config) {
        this.config = config;
    }

    /** The wait before {@code ip} may try again, or empty when it may try now. */
    public Optional<Duration> blocked(String ip) {
        Optional<Duration> own = wait(ip, config.loginMaxFailuresPerIp());
        return own.isPresent() ? own : wait(GLOBAL, config.loginMaxFailuresGlobal());
    }

    /**
     * The address a limit counts: the peer's, or the client's from {@code X-Forwarded-For}/{@code Forwarded} only when
     * Quarkus is configured to trust the proxy ({@code quarkus.http.proxy.*}); never a header on its own, which anybody
     * could vary to escape the per-address limit.
     */
    public static String ip(HttpServerRequest request) {
        return request == null || request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    public void failed(String ip) {
        Instant now = Instant.now();
        for (String key : new String[] { ip, GLOBAL }) {
            Deque<Instant> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (q) {
                q.addLast(now);
                prune(q, now);
            }
        }
    }

    public void succeeded(String ip) {
        failures.remove(ip);
    }

    /** Forgets every failure (tests). */
    public void reset() {
        failures.clear();
    }

    private Optional<Duration> wait(String key, int max) {
        Deque<Instant> q = failures.get(key);
        if (q == null) {
            return Optional.empty();
        }
        synchronized (q) {
            Instant now = Instant.now();
            prune(q, now);
            if (q.size() < max) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, q.peekFirst().plus(config.loginWindow())));
        }
    }

    private void prune(Deque<Instant> q, Instant now) {
        Instant cutoff = now.minus(config.loginWindow());
        while (!q.isEmpty() && q.peekFirst().isBefore(cutoff)) {
            q.removeFirst();
        }
    }
}
