package io.dispatchapy.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * A fast provider on loopback: answers every request 200 at once, counts deliveries and, while tracking is on, records
 * the {@link System#nanoTime()} of the first receipt per {@code Idempotency-Key} (the worker sends the task id).
 */
public final class ProviderStub implements AutoCloseable {
    private final HttpServer server;
    private final AtomicLong received = new AtomicLong();
    private volatile long lastReceiptNanos;
    private volatile boolean tracking;
    private final Map<Long, Long> receipts = new ConcurrentHashMap<>();

    private ProviderStub(HttpServer server) {
        this.server = server;
    }

    public static ProviderStub start(Vertx vertx) {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
        ProviderStub stub = new ProviderStub(server);
        server.requestHandler(req -> req.body().onComplete(ar -> {
            stub.record(req.getHeader("Idempotency-Key"));
            req.response().putHeader("Content-Type", "application/json").end("{\"ok\":true}");
        }));
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the provider stub", e);
        }
        return stub;
    }

    private void record(String key) {
        long now = System.nanoTime();
        if (tracking && key != null) {
            try {
                receipts.putIfAbsent(Long.parseLong(key), now);
            } catch (NumberFormatException e) {
                // not a task id: not tracked
            }
        }
        lastReceiptNanos = now;
        received.incrementAndGet();
    }

    public int port() {
        return server.actualPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public long received() {
        return received.get();
    }

    public long lastReceiptNanos() {
        return lastReceiptNanos;
    }

    public void track(boolean on) {
        if (on) {
            receipts.clear();
        }
        tracking = on;
    }

    /** Receipt time (nanoTime) of the task, or null. */
    public Long receipt(long taskId) {
        return receipts.get(taskId);
    }

    @Override
    public void close() {
        server.close();
    }
}
