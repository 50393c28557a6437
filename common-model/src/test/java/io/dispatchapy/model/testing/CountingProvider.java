package io.dispatchapy.model.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A provider stub that counts deliveries by {@code Idempotency-Key} (the task id). It answers 200, or 500 for the given
 * share of requests, so duplicates and losses show in the counts.
 */
public final class CountingProvider implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile double failureShare;

    public CountingProvider(double failureShare) {
        this.failureShare = failureShare;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            requests.incrementAndGet();
            boolean fail = ThreadLocalRandom.current().nextDouble() < this.failureShare;
            if (!fail) {
                String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                accepted.computeIfAbsent(String.valueOf(key), k -> new AtomicInteger()).incrementAndGet();
            }
            exchange.sendResponseHeaders(fail ? 500 : 200, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/deliver";
    }

    public void failureShare(double share) {
        this.failureShare = share;
    }

    /** Accepted deliveries by Idempotency-Key. */
    public Map<String, AtomicInteger> accepted() {
        return accepted;
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
