package io.dispatchapy.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Ingestion load over keep-alive HTTP/1.1 connections (Vert.x client, one event loop, so all bookkeeping is
 * single-threaded). Closed loop: N connections each send the next request when the previous answered. Open loop:
 * requests are scheduled by the clock and latency counts from the scheduled time, so a slow server shows as latency (no
 * coordinated omission), never as less offered load.
 */
public final class LoadGenerator implements AutoCloseable {
    private volatile HttpClient client;
    private final int maxConnections;
    private final Context context;
    private final Vertx vertx;
    private final String host;
    private final int port;
    private final String uri;
    private final String token;
    private final AtomicLong sequence = new AtomicLong();

    public LoadGenerator(Vertx vertx, URI base, String endpointPath, String token, int maxConnections) {
        this.vertx = vertx;
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : 80;
        this.uri = (base.getPath() == null ? "" : base.getPath().replaceAll("/$", "")) + "/api/" + endpointPath;
        this.token = token;
        this.maxConnections = maxConnections;
        this.client = newClient();
        this.context = vertx.getOrCreateContext();
    }

    private HttpClient newClient() {
        return vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setPipelining(false)
                .setTcpNoDelay(true).setConnectTimeout(10_000), new PoolOptions().setHttp1MaxSize(maxConnections));
    }

    /** The result of a closed-loop run. */
    public record ClosedResult(long ok, long errors, double seconds, long[] latencyNanos) {
        public double rate() {
            return ok / seconds;
        }
    }

    /** The result of an open-loop run; arrays are indexed by request number, -1 where it failed. */
    public record OpenResult(long ok, long errors, long unanswered, double seconds, long[] latencyNanos, long[] taskIds,
            long[] acceptNanos) {
        /** Every request's latency: failed ones until their failure, unanswered ones until the cut-off. */
        public long[] allLatencies() {
            return latencyNanos.clone();
        }

        public long sent() {
            return latencyNanos.length;
        }
    }

    /** {@code concurrency} connections send back to back for {@code duration}. */
    public ClosedResult closedLoop(int concurrency, Duration duration) {
        return closedLoop(concurrency, duration, null, 0);
    }

    /**
     * As {@link #closedLoop(int, Duration)}, but a connection sends only while fewer than {@code window} of the tasks
     * accepted in this run have not been {@code delivered} yet (a count that grows as providers receive tasks): the
     * offered load follows what the whole pipeline delivers, so the run measures its sustainable rate instead of piling
     * up a backlog. Without {@code delivered}, no window.
     */
    public ClosedResult closedLoop(int concurrency, Duration duration, LongSupplier delivered, long window) {
        long deliveredBefore = delivered == null ? 0 : delivered.getAsLong();
        CompletableFuture<ClosedResult> done = new CompletableFuture<>();
        context.runOnContext(v -> new Object() {
            final long start = System.nanoTime();
            final long deadline = start + duration.toNanos();
            long ok;
            long errors;
            int users = concurrency;
            long[] lat = new long[1024];
            int n;

            void begin() {
                for (int i = 0; i < concurrency; i++) {
                    next();
                }
            }

            void next() {
                long sent = System.nanoTime();
                if (sent >= deadline) {
                    if (--users == 0) {
                        double secs = (System.nanoTime() - start) / 1e9;
                        done.complete(new ClosedResult(ok, errors, secs, Arrays.copyOf(lat, n)));
                    }
                    return;
                }
                if (delivered != null && ok - (delivered.getAsLong() - deliveredBefore) >= window) {
                    vertx.setTimer(1, t -> next()); // the pipeline is full: wait until providers received more
                    return;
                }
                send().onComplete(ar -> {
                    if (ar.succeeded()) {
                        ok++;
                        if (n == lat.length) {
                            lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = System.nanoTime() - sent;
                    } else {
                        errors++;
                    }
                    next();
                });
            }
        }.begin());
        return await(done, duration.plusMinutes(2));
    }

    /**
     * Sends {@code rate} requests per second for {@code duration}, on schedule whatever the answers. Requests still
     * unanswered {@code grace} after the last send are cut off: their latency is counted until the cut-off (a lower
     * bound) and the connections are closed.
     */
    public OpenResult openLoop(double rate, Duration duration, Duration grace) {
        int total = Math.max(1, (int) Math.round(rate * duration.toNanos() / 1e9));
        double interval = 1e9 / rate;
        CompletableFuture<OpenResult> done = new CompletableFuture<>();
        long[] lat = new long[total];
        long[] ids = new long[total];
        long[] accepted = new long[total];
        long[] scheduledAt = new long[total];
        boolean[] answered = new boolean[total];
        Arrays.fill(ids, -1);
        context.runOnContext(v -> new Object() {
            final long t0 = System.nanoTime() + 2_000_000;
            int sent;
            int completed;
            long ok;
            long errors;

            void begin() {
                vertx.setPeriodic(1, id -> {
                    long now = System.nanoTime();
                    while (sent < total && t0 + (long) (sent * interval) <= now) {
                        int i = sent++;
                        long scheduled = t0 + (long) (i * interval);
                        scheduledAt[i] = scheduled;
                        send().onComplete(ar -> {
                            if (done.isDone()) {
                                return;
                            }
                            long end = System.nanoTime();
                            answered[i] = true;
                            lat[i] = end - scheduled;
                            if (ar.succeeded()) {
                                ok++;
                                ids[i] = ar.result();
                                accepted[i] = end;
                            } else {
                                errors++;
                            }
                            if (++completed == total) {
                                done.complete(new OpenResult(ok, errors, 0, (end - t0) / 1e9, lat, ids, accepted));
                            }
                        });
                    }
                    if (sent == total) {
                        vertx.cancelTimer(id);
                        vertx.setTimer(Math.max(1, grace.toMillis()), t -> cutOff());
                    }
                });
            }

            void cutOff() {
                if (done.isDone()) {
                    return;
                }
                long end = System.nanoTime();
                int unanswered = 0;
                for (int i = 0; i < total; i++) {
                    if (!answered[i]) {
                        lat[i] = end - scheduledAt[i];
                        unanswered++;
                    }
                }
                done.complete(new OpenResult(ok, errors, unanswered, (end - t0) / 1e9, lat, ids, accepted));
            }
        }.begin());
        OpenResult r = await(done, duration.plus(grace).plusMinutes(1));
        if (r.unanswered() > 0) {
            reset();
        }
        return r;
    }

    /** Drops every connection (and the requests queued for them) and starts a fresh pool. */
    private void reset() {
        HttpClient old = client;
        client = newClient();
        old.close();
    }

    /** One ingestion request; succeeds with the task id when the gateway answered 200. */
    private Future<Long> send() {
        long n = sequence.incrementAndGet();
        String body = "{\"ref\":\"bench-" + n + "\",\"scope\":\"bench\",\"phone\":\"+15550100\","
                + "\"message\":\"Benchmark message number " + n + "\"}";
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port).setURI(uri)
                .setIdleTimeout(30_000).putHeader("X-API-Token", token).putHeader("Content-Type", "application/json");
        return client.request(options).compose(req -> req.send(Buffer.buffer(body)))
                .compose(resp -> resp.body().compose(b -> {
                    if (resp.statusCode() != 200) {
                        return Future.failedFuture("HTTP " + resp.statusCode() + ": " + b);
                    }
                    return Future.succeededFuture(taskId(b.toString()));
                }));
    }

    static long taskId(String json) {
        int i = json.indexOf("\"task_id\"");
        if (i < 0) {
            return -1;
        }
        i = json.indexOf(':', i) + 1;
        while (i < json.length() && !Character.isDigit(json.charAt(i))) {
            i++;
        }
        long v = 0;
        while (i < json.length() && Character.isDigit(json.charAt(i))) {
            v = v * 10 + (json.charAt(i++) - '0');
        }
        return v;
    }

    private static <T> T await(CompletableFuture<T> f, Duration timeout) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Load run did not finish", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
