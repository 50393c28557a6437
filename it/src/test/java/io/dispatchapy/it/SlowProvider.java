package io.dispatchapy.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A provider stub that answers 200 after a delay (without blocking a thread: the answer is scheduled), counting
 * deliveries by {@code Idempotency-Key}. A delivery counts when the provider receives it, as a real provider that acts
 * on a request before answering would.
 */
final class SlowProvider implements AutoCloseable {
    private final HttpServer server;
    private final ScheduledExecutorService answers = Executors.newScheduledThreadPool(2);
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final long delayMillis;

    SlowProvider(long delayMillis) {
        this.delayMillis = delayMillis;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            requests.incrementAndGet();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            accepted.computeIfAbsent(String.valueOf(key), k -> new AtomicInteger()).incrementAndGet();
            answers.schedule(() -> answer(exchange), delayMillis, TimeUnit.MILLISECONDS);
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    private static void answer(HttpExchange exchange) {
        try {
            exchange.sendResponseHeaders(200, -1);
        } catch (IOException e) {
            // the worker went away (killed): nothing to answer
        } finally {
            exchange.close();
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/deliver";
    }

    long delayMillis() {
        return delayMillis;
    }

    Map<String, AtomicInteger> accepted() {
        return accepted;
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        answers.shutdownNow();
    }
}
