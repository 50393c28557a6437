package io.dispatchapy.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Concurrent clients posting tasks to the gateway, recording every answer: the ids of accepted (200) tasks, the 503s
 * (with their {@code detail} and how long they took) and anything else.
 */
final class Load {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String token;
    final Set<Long> accepted = ConcurrentHashMap.newKeySet();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger unavailableWithoutDetail = new AtomicInteger();
    final AtomicLong slowestUnavailableMillis = new AtomicLong();
    final Map<String, AtomicInteger> other = new ConcurrentHashMap<>();
    final AtomicLong lastAcceptedAtNanos = new AtomicLong();
    private final AtomicInteger sent = new AtomicInteger();

    Load(String gatewayBaseUrl, String path, String token) {
        this.url = gatewayBaseUrl + "/api/" + path;
        this.token = token;
    }

    /** Sends {@code total} tasks from {@code clients} threads and waits for all answers. */
    void send(int total, int clients, Duration timeout) throws InterruptedException {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                int i;
                while ((i = n.incrementAndGet()) <= total) {
                    post(i);
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
            throw new IllegalStateException("Sending " + total + " tasks took longer than " + timeout);
        }
    }

    /** Sends from {@code clients} threads until {@code stop} is set; returns the pool to wait on. */
    ExecutorService sendUntil(AtomicBoolean stop, int clients) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger n = new AtomicInteger();
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                while (!stop.get()) {
                    post(n.incrementAndGet());
                }
            });
        }
        pool.shutdown();
        return pool;
    }

    int sent() {
        return sent.get();
    }

    private void post(int i) {
        sent.incrementAndGet();
        long start = System.nanoTime();
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("X-API-Token", token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"n\":" + i + ",\"text\":\"hello " + i + "\"}"))
                    .build();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (r.statusCode() == 200) {
                JsonNode body = Cluster.JSON.readTree(r.body());
                accepted.add(body.get("task_id").asLong());
                lastAcceptedAtNanos.set(System.nanoTime());
            } else if (r.statusCode() == 503) {
                unavailable.incrementAndGet();
                slowestUnavailableMillis.accumulateAndGet(millis, Math::max);
                JsonNode body = Cluster.JSON.readTree(r.body());
                if (!body.hasNonNull("detail") || body.get("detail").asText().isBlank()) {
                    unavailableWithoutDetail.incrementAndGet();
                }
            } else {
                other.computeIfAbsent(r.statusCode() + " " + abbreviate(r.body()), k -> new AtomicInteger())
                        .incrementAndGet();
            }
        } catch (IOException e) {
            other.computeIfAbsent(e.getClass().getSimpleName() + " " + e.getMessage(), k -> new AtomicInteger())
                    .incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) : s;
    }

    static List<String> keys(Set<Long> ids) {
        return ids.stream().map(String::valueOf).toList();
    }
}
