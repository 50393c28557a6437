package io.dispatchapy.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dispatchapy.bench.Results.Goal;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The benchmark of TARGETS.md: configures an endpoint with two resources (two provider stubs) through the admin API,
 * then measures ingestion, latency, end-to-end delivery, backlog drain, the raw PostgreSQL ceiling, memory and growth,
 * and prints one table (figure, goal, measured, pass/fail) that it also writes as JSON.
 */
public final class Benchmark {
    private static final String CHANNEL = "dispatchapy_tasks";

    private final BenchOptions o;
    private final AppUnderTest app;
    private final Results results;
    private final ProviderStub stubA;
    private final ProviderStub stubB;
    private final Vertx vertx;
    private final CpuMeter cpu;
    private String endpointPath;
    private long endpointId;
    private long clientId;
    private String token;

    private Benchmark(BenchOptions o, AppUnderTest app, Vertx vertx, ProviderStub a, ProviderStub b) {
        this.o = o;
        this.app = app;
        this.vertx = vertx;
        this.stubA = a;
        this.stubB = b;
        this.results = new Results(o.describe());
        this.cpu = new CpuMeter(app.pid, app.postgresDataDir());
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Results r = run(o);
        System.out.println();
        System.out.println(r.table());
        Path file = r.write(o.out);
        System.out.println("JSON: " + file.toAbsolutePath());
        System.exit(0);
    }

    /** Runs the whole benchmark and returns its figures (also written by {@link #main}). */
    public static Results run(BenchOptions o) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2));
        try (ProviderStub a = ProviderStub.start(vertx); ProviderStub b = ProviderStub.start(vertx);
                AppUnderTest app = o.url == null ? AppUnderTest.start(o) : AppUnderTest.existing(o)) {
            Benchmark bench = new Benchmark(o, app, vertx, a, b);
            // interrupted (Ctrl-C, SIGTERM): keep what was measured so far, and stop the application
            Thread hook = new Thread(() -> {
                try {
                    System.out.println("\nInterrupted; figures measured so far:\n" + bench.results.table());
                    System.out.println("JSON (partial): " + bench.results.write(o.out).toAbsolutePath());
                } catch (IOException | RuntimeException e) {
                    System.err.println("Could not write the partial results: " + e);
                }
                app.close();
            }, "bench-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                bench.measure();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down: the hook runs
                }
            }
            return bench.results;
        } finally {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                log("could not close Vert.x cleanly: " + e);
            }
        }
    }

    private boolean hasDb() {
        return app.jdbcUrl != null;
    }

    private void measure() throws Exception {
        configure();
        try (LoadGenerator closed = new LoadGenerator(vertx, URI.create(app.baseUrl), endpointPath, token,
                o.connections);
                LoadGenerator open = new LoadGenerator(vertx, URI.create(app.baseUrl), endpointPath, token, 512)) {
            log("warm-up: " + o.warmupSeconds + " s of closed-loop ingestion");
            closed.closedLoop(o.connections, Duration.ofSeconds(o.warmupSeconds));
            quiesce();

            if (o.runs("raw")) {
                rawCeiling();
            }
            if (o.runs("growth")) {
                growth(closed, "empty");
            }
            if (o.runs("latency")) {
                ingestionLatency(open);
            }
            if (o.runs("sustained")) {
                sustained(closed);
            }
            if (o.runs("e2e")) {
                endToEnd(closed);
            }
            if (o.runs("e2e-latency")) {
                acceptToProvider(open);
            }
            if (o.runs("backlog")) {
                backlogDrain();
            }
            if (o.runs("raw") && o.runs("e2e")) {
                efficiency();
            }
            if (o.runs("growth")) {
                fillFinished();
                growth(closed, "full");
                growthRatios();
            }
        }
        double peak = app.peakRssMiB();
        results.add("rss_peak_mib", "memory: peak RSS of the application (VmHWM)", Goal.AT_MOST, 512, peak, "MiB",
                String.format(Locale.ROOT, "stretch ≤ 300; current RSS %s MiB; JVM only (PostgreSQL separate)",
                        Results.format(app.rssMiB())));
    }

    // ---- setup ----

    private void configure() throws IOException, InterruptedException, SQLException {
        String suffix = Long.toString(System.currentTimeMillis(), 36);
        endpointPath = "bench_" + suffix;
        admin("PUT", "/settings", "{\"maxAttempts\":3}");
        long a = id(admin("POST", "/resources",
                "{\"name\":\"bench-a-" + suffix + "\",\"url\":\"" + stubA.url("/a") + "\"}"));
        long b = id(admin("POST", "/resources",
                "{\"name\":\"bench-b-" + suffix + "\",\"url\":\"" + stubB.url("/b") + "\"}"));
        endpointId = id(admin("POST", "/endpoints", "{\"path\":\"" + endpointPath
                + "\",\"requiredParams\":[\"ref\",\"phone\",\"message\"],\"resourceIds\":[" + a + "," + b + "]}"));
        String client = admin("POST", "/clients",
                "{\"name\":\"bench-" + suffix + "\",\"endpointIds\":[" + endpointId + "]}");
        Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(client);
        if (!m.find()) {
            throw new IllegalStateException("No token in " + client);
        }
        token = m.group(1);
        if (hasDb()) {
            try (Connection c = db();
                    PreparedStatement ps = c.prepareStatement("SELECT id FROM client WHERE name = ?")) {
                ps.setString(1, "bench-" + suffix);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    clientId = rs.getLong(1);
                }
            }
        }
        log("configured endpoint /api/" + endpointPath + " -> resources " + a + " (stub :" + stubA.port() + "), " + b
                + " (stub :" + stubB.port() + ")");
    }

    private String admin(String method, String path, String json) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String auth = Base64.getEncoder()
                .encodeToString(("admin:" + app.adminPassword).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl + "/admin/api/v1" + path))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static long id(String json) {
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("No id in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    private Connection db() throws SQLException {
        return DriverManager.getConnection(app.jdbcUrl, app.dbUser, app.dbPassword);
    }

    private long delivered() {
        return stubA.received() + stubB.received();
    }

    private long lastReceipt() {
        return Math.max(stubA.lastReceiptNanos(), stubB.lastReceiptNanos());
    }

    // ---- phases ----

    /** Ingestion latency at a fixed offered rate, open loop. */
    private void ingestionLatency(LoadGenerator open) throws SQLException {
        log("ingestion latency: " + o.latencyRate + " req/s offered for " + o.latencySeconds + " s (open loop)");
        openWarmUp(open, o.latencyRate);
        resetStatementStats();
        LoadGenerator.OpenResult r = open.openLoop(o.latencyRate, Duration.ofSeconds(o.latencySeconds), grace());
        logStatementStats();
        long[] lat = r.allLatencies();
        logSlowSeconds(lat, o.latencyRate);
        boolean clean = r.errors() == 0 && r.unanswered() == 0;
        String note = String.format(Locale.ROOT,
                "open loop, %d sent, %d errors, %d unanswered at the cut-off," + " answered %s req/s", r.sent(),
                r.errors(), r.unanswered(), Results.format(r.ok() / r.seconds()));
        String rate = Results.format(o.latencyRate);
        results.info("ingest_p50_ms", "ingestion latency p50 at " + rate + " req/s offered", ms(percentile(lat, 50)),
                "ms", note);
        results.add("ingest_p99_ms", "ingestion latency p99 at " + rate + " req/s offered", Goal.AT_MOST, 25,
                ms(percentile(lat, 99)), "ms", "stretch ≤ 10" + (clean ? "" : "; errors/cut-offs count as FAIL"),
                clean);
        results.info("ingest_p999_ms", "ingestion latency p99.9 at " + rate + " req/s offered",
                ms(percentile(lat, 99.9)), "ms", "");
        quiesce();
    }

    /**
     * The seconds of an open-loop run with the most requests over the goal (25 ms), to the log: a tail made of a few
     * bad seconds points at stalls (GC, a database statement, autovacuum), one spread evenly at plain overload.
     */
    private static void logSlowSeconds(long[] latencies, double rate) {
        int seconds = (int) Math.ceil(latencies.length / rate);
        int[] slow = new int[seconds];
        long[] worst = new long[seconds];
        for (int i = 0; i < latencies.length; i++) {
            int sec = (int) (i / rate);
            if (latencies[i] > 25_000_000L) {
                slow[sec]++;
            }
            worst[sec] = Math.max(worst[sec], latencies[i]);
        }
        StringBuilder b = new StringBuilder("requests over 25 ms per second of the run (second: count/max ms):");
        int total = 0;
        for (int sec = 0; sec < seconds; sec++) {
            total += slow[sec];
            if (slow[sec] > 0) {
                b.append(String.format(Locale.ROOT, " %d:%d/%.0f", sec, slow[sec], worst[sec] / 1e6));
            }
        }
        log(b.append(" (").append(total).append(" in all)").toString());
    }

    /**
     * The same rate for {@code --open-warmup-seconds} before an open-loop phase is measured, so it measures the steady
     * state: without it the first seconds hold the load generator opening its connections (up to 512) and the worker
     * going from idle to the new rate, which made the first 3 s of a 30-s run most of its slow requests.
     */
    private void openWarmUp(LoadGenerator open, double rate) {
        if (o.openWarmupSeconds > 0) {
            open.openLoop(rate, Duration.ofSeconds(o.openWarmupSeconds), grace());
        }
    }

    /** How long an open-loop phase waits for answers after its last send. */
    private Duration grace() {
        return Duration.ofSeconds(Math.max(5, Math.min(30, o.latencySeconds)));
    }

    /** Closed-loop ingestion at full speed for the sustain period: ingestion req/s and end-to-end tasks/s. */
    private void sustained(LoadGenerator closed) throws SQLException {
        log("sustained: " + o.connections + " keep-alive connections for " + o.sustainSeconds
                + " s; counting deliveries at the stubs");
        long before = delivered();
        AtomicLong atDeadline = new AtomicLong(-1);
        CpuMeter.Reading cpu0 = cpu.read();
        long timer = vertx.setTimer(o.sustainSeconds * 1000L, id -> atDeadline.set(delivered()));
        LoadGenerator.ClosedResult r = closed.closedLoop(o.connections, Duration.ofSeconds(o.sustainSeconds));
        vertx.cancelTimer(timer);
        CpuMeter.Reading cores = cpu.read().cores(cpu0, r.seconds());
        long end = atDeadline.get() >= 0 ? atDeadline.get() : delivered();
        double flood = (end - before) / (double) o.sustainSeconds;
        long backlog = r.ok() - (end - before);
        results.add("ingest_rps", "ingestion req/s, " + o.connections + " keep-alive clients, accepted and committed",
                Goal.AT_LEAST, 3000, r.errors() > 0 && r.ok() == 0 ? Double.NaN : r.rate(), "req/s",
                String.format(Locale.ROOT, "stretch 5000; %d accepted, %d errors, p50 %s ms, p99 %s ms, worker on",
                        r.ok(), r.errors(), Results.format(ms(percentile(r.latencyNanos(), 50))),
                        Results.format(ms(percentile(r.latencyNanos(), 99)))));
        results.info("flood_delivered_tps", "delivered tasks/s while those clients flood", flood, "tasks/s",
                "ingestion takes what CPU it can; backlog left at the end: " + Math.max(0, backlog) + " tasks");
        results.info("flood_cores", "flood: CPU cores used, all processes", cores.total(), "cores", coresNote(cores));
        quiesce();
    }

    /**
     * End to end at the rate the whole pipeline sustains: the same keep-alive clients, but they send only while fewer
     * than {@code --e2e-window} accepted tasks are still on their way to the providers, so accepted = delivered over
     * the run and nothing piles up (a flood measures how the CPU is split, not what is sustained).
     */
    private void endToEnd(LoadGenerator closed) throws SQLException {
        log("end to end: " + o.connections + " keep-alive connections for " + o.e2eSeconds + " s, at most "
                + o.e2eWindow + " accepted tasks not yet delivered");
        resetStatementStats();
        long before = delivered();
        AtomicLong atDeadline = new AtomicLong(-1);
        CpuMeter.Reading cpu0 = cpu.read();
        long timer = vertx.setTimer(o.e2eSeconds * 1000L, id -> atDeadline.set(delivered()));
        LoadGenerator.ClosedResult r = closed.closedLoop(o.connections, Duration.ofSeconds(o.e2eSeconds),
                this::delivered, o.e2eWindow);
        vertx.cancelTimer(timer);
        CpuMeter.Reading cpu1 = cpu.read();
        long end = atDeadline.get() >= 0 ? atDeadline.get() : delivered();
        long got = end - before;
        logStatementStats();
        CpuMeter.Reading cores = cpu1.cores(cpu0, r.seconds());
        CpuMeter.Reading ms = cpu1.msPerTask(cpu0, got);
        results.add("e2e_tps", "end to end tasks/s (accept → provider received), sustained " + o.e2eSeconds + " s",
                Goal.AT_LEAST, 1500, got / (double) o.e2eSeconds, "tasks/s",
                String.format(Locale.ROOT,
                        "stretch 3000; %d accepted, %d delivered, %d errors, still on the way at the"
                                + " end: %d (window %d)",
                        r.ok(), got, r.errors(), Math.max(0, r.ok() - got), o.e2eWindow));
        results.info("e2e_cores", "end to end: CPU cores used, all processes", cores.total(), "cores",
                coresNote(cores));
        results.info("e2e_cpu_ms_per_task", "end to end: CPU per task (accept + deliver), all processes", ms.total(),
                "ms", String.format(Locale.ROOT, "application %s + PostgreSQL %s + benchmark (load, stubs) %s ms",
                        Results.format(ms.app()), Results.format(ms.db()), Results.format(ms.bench())));
        quiesce();
    }

    private static String coresNote(CpuMeter.Reading cores) {
        return String.format(Locale.ROOT, "application %s, PostgreSQL %s, benchmark (load and stubs) %s",
                Results.format(cores.app()), Results.format(cores.db()), Results.format(cores.bench()));
    }

    /** Accept (the client has its 200) → the provider stub received the task, at a moderate open-loop rate. */
    private void acceptToProvider(LoadGenerator open) throws SQLException {
        log("accept → provider: " + o.e2eLatencyRate + " req/s for " + o.e2eLatencySeconds + " s");
        openWarmUp(open, o.e2eLatencyRate);
        stubA.track(true);
        stubB.track(true);
        try {
            LoadGenerator.OpenResult r = open.openLoop(o.e2eLatencyRate, Duration.ofSeconds(o.e2eLatencySeconds),
                    grace());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<Long> lat = new ArrayList<>();
            int missing = 0;
            for (int i = 0; i < r.taskIds().length; i++) {
                if (r.taskIds()[i] < 0) {
                    continue;
                }
                Long got = receipt(r.taskIds()[i]);
                while (got == null && System.nanoTime() < deadline) {
                    AppUnderTest.pause(20);
                    got = receipt(r.taskIds()[i]);
                }
                if (got == null) {
                    missing++;
                } else {
                    lat.add(Math.max(0, got - r.acceptNanos()[i]));
                }
            }
            long[] arr = lat.stream().mapToLong(Long::longValue).toArray();
            String note = String.format(Locale.ROOT,
                    "%d accepted, %d ingestion errors, %d unanswered, %d not delivered within 60 s",
                    arr.length + missing, r.errors(), r.unanswered(), missing);
            boolean clean = missing == 0 && r.errors() == 0 && r.unanswered() == 0;
            String rate = Results.format(o.e2eLatencyRate);
            results.add("e2e_p50_ms", "accept → provider latency p50 at " + rate + " req/s", Goal.AT_MOST, 10,
                    ms(percentile(arr, 50)), "ms", note, clean);
            results.add("e2e_p99_ms", "accept → provider latency p99 at " + rate + " req/s", Goal.AT_MOST, 100,
                    ms(percentile(arr, 99)), "ms", "stretch ≤ 30", clean);
        } finally {
            stubA.track(false);
            stubB.track(false);
        }
        quiesce();
    }

    private Long receipt(long taskId) {
        Long a = stubA.receipt(taskId);
        return a != null ? a : stubB.receipt(taskId);
    }

    private void backlogDrain() throws SQLException {
        Drain d = drain(o.backlog);
        results.add("backlog_tps", "backlog drain, " + o.backlog + " pending tasks", Goal.AT_LEAST, 3000, d.rate(),
                "tasks/s", "stretch 10000; inserted by SQL, released at once" + d.note(), d.complete());
        // what the application makes the database do per task, whatever share of the CPU it got
        results.info("backlog_xacts_per_task", "backlog drain: write transactions (durable commits) per task",
                d.xactsPerTask(), "commits", "transaction ids used during the drain ÷ tasks delivered");
        results.info("backlog_wal_per_task", "backlog drain: WAL written per task", d.walBytesPerTask() / 1024.0, "KiB",
                "pg_current_wal_lsn() difference ÷ tasks delivered");
        CpuMeter.Reading ms = d.cpuMsPerTask();
        results.info("backlog_cpu_ms_per_task", "backlog drain: CPU per delivered task, all processes", ms.total(),
                "ms",
                String.format(Locale.ROOT,
                        "application %s + PostgreSQL %s + benchmark (stubs) %s ms; 2 cores ÷ this = %s tasks/s",
                        Results.format(ms.app()), Results.format(ms.db()), Results.format(ms.bench()),
                        Results.format(2000 / ms.total())));
        results.info("backlog_cpu_ms_app", "backlog drain: application CPU per delivered task", ms.app(), "ms", "");
        results.info("backlog_cpu_ms_db", "backlog drain: PostgreSQL CPU per delivered task", ms.db(), "ms", "");
    }

    /**
     * Tasks/s of a drain; {@code complete} false when it was cut off before every task arrived; database work per
     * delivered task.
     */
    record Drain(double rate, boolean complete, String note, double xactsPerTask, double walBytesPerTask,
            CpuMeter.Reading cpuMsPerTask) {
    }

    /** The next transaction id and the WAL position: their differences count durable commits and WAL bytes. */
    private static long[] dbCounters(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint,"
                + " pg_current_wal_lsn() - '0/0'::pg_lsn")) {
            rs.next();
            return new long[] { rs.getLong(1), rs.getLong(2) };
        }
    }

    /**
     * Inserts {@code n} pending tasks not due yet, makes them due in one statement, NOTIFYs, and times until the stubs
     * received them all (or the drain timeout). NaN without database access.
     */
    private Drain drain(int n) throws SQLException {
        if (!hasDb()) {
            return new Drain(Double.NaN, false, "; needs --jdbc-url", Double.NaN, Double.NaN,
                    new CpuMeter.Reading(Double.NaN, Double.NaN, Double.NaN));
        }
        log("backlog: inserting " + n + " pending tasks (not due yet)");
        try (Connection c = db(); Statement st = c.createStatement()) {
            insertTasks(c, n, "pending", "now() + interval '1 day'");
            long before = delivered();
            long[] counters = dbCounters(st);
            log("backlog: releasing them");
            st.executeUpdate(
                    "UPDATE task SET run_at = now() WHERE status = 'pending' AND run_at > now() + interval '1 hour'");
            if (o.pgStats) {
                st.execute("SELECT pg_stat_statements_reset()");
            }
            long[] maintenance0 = maintenance(st);
            CpuMeter.Reading cpu0 = cpu.read();
            long t0 = System.nanoTime();
            st.execute("SELECT pg_notify('" + CHANNEL + "', '')");
            long timeout = Duration.ofSeconds(o.drainTimeoutSeconds).toNanos();
            while (delivered() < before + n && System.nanoTime() - t0 < timeout) {
                AppUnderTest.pause(10);
            }
            long got = delivered() - before;
            CpuMeter.Reading used = cpu.read().msPerTask(cpu0, got);
            boolean complete = got >= n;
            double secs = ((complete ? lastReceipt() : System.nanoTime()) - t0) / 1e9;
            long[] maintenance1 = maintenance(st);
            log(String.format(Locale.ROOT,
                    "backlog: %d of %d delivered in %.2f s; meanwhile on task: %d autovacuum, %d autoanalyze", got, n,
                    secs, maintenance1[0] - maintenance0[0], maintenance1[1] - maintenance0[1]));
            if (o.pgStats) {
                logTopStatements(st);
            }
            long[] after = dbCounters(st);
            // minus the release UPDATE and the NOTIFY
            double xacts = Math.max(0, after[0] - counters[0] - 2) / (double) Math.max(1, got);
            double wal = (after[1] - counters[1]) / (double) Math.max(1, got);
            quiesce();
            return new Drain(Math.min(got, n) / secs, complete,
                    complete ? "" : String.format(Locale.ROOT, "; CUT OFF after %.0f s with %d of %d", secs, got, n),
                    xacts, wal, used);
        }
    }

    /** How often autovacuum and autoanalyze have processed {@code task} so far. */
    private static long[] maintenance(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery(
                "SELECT autovacuum_count, autoanalyze_count FROM pg_stat_user_tables WHERE relname = 'task'")) {
            return rs.next() ? new long[] { rs.getLong(1), rs.getLong(2) } : new long[2];
        }
    }

    private void resetStatementStats() throws SQLException {
        if (o.pgStats && hasDb()) {
            try (Connection c = db(); Statement st = c.createStatement()) {
                st.execute("SELECT pg_stat_statements_reset()");
            }
        }
    }

    private void logStatementStats() throws SQLException {
        if (o.pgStats && hasDb()) {
            try (Connection c = db(); Statement st = c.createStatement()) {
                logTopStatements(st);
            }
        }
    }

    /** With {@code --pg-stats}: the statements that took the most time since the last reset, to the log. */
    private static void logTopStatements(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT calls, total_exec_time, max_exec_time, rows,"
                + " shared_blks_hit + shared_blks_read, regexp_replace(query, '\\s+', ' ', 'g')"
                + " FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12")) {
            log("pg_stat_statements, by total time:"
                    + "   calls | total ms | ms/call | max ms | rows/call | blocks/call | query");
            while (rs.next()) {
                long calls = Math.max(1, rs.getLong(1));
                String q = rs.getString(6);
                log(String.format(Locale.ROOT, "  %8d | %8.0f | %7.3f | %6.1f | %9.1f | %11.1f | %s", rs.getLong(1),
                        rs.getDouble(2), rs.getDouble(2) / calls, rs.getDouble(3), rs.getLong(4) / (double) calls,
                        rs.getLong(5) / (double) calls, q.substring(0, Math.min(150, q.length()))));
            }
        }
    }

    private void insertTasks(Connection c, int n, String status, String runAt) throws SQLException {
        String sql = "INSERT INTO task (status, client_id, client_name, endpoint_id, endpoint_path, ref, scope, payload,"
                + " max_attempts, run_at, attempts, finished_at, created_at, updated_at) "
                + "SELECT ?, ?, 'bench', ?, ?, 'sql-' || g, 'bench', jsonb_build_object('ref', 'sql-' || g, 'scope',"
                + " 'bench', 'phone', '+15550100', 'message', 'Benchmark message number ' || g), 3, " + runAt + ", "
                + ("success".equals(status) ? "1, now(), now() - interval '1 hour', now() " : "0, NULL, now(), now() ")
                + "FROM generate_series(?, ?) g";
        int chunk = 50_000;
        for (int from = 1; from <= n; from += chunk) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, status);
                ps.setLong(2, clientId);
                ps.setLong(3, endpointId);
                ps.setString(4, endpointPath);
                ps.setInt(5, from);
                ps.setInt(6, Math.min(n, from + chunk - 1));
                ps.executeUpdate();
            }
        }
    }

    /** The naive queue on plain JDBC: INSERT, claim one with SKIP LOCKED, complete; pool-size threads. */
    private void rawCeiling() throws Exception {
        if (!hasDb()) {
            results.info("raw_cps", "raw PostgreSQL ceiling: insert + claim-one + complete, pool " + o.pool, Double.NaN,
                    "cycles/s", "needs --jdbc-url");
            return;
        }
        log("raw PostgreSQL ceiling: " + o.pool + " JDBC connections for " + o.rawSeconds + " s");
        try (Connection c = db(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS bench_raw_task");
            st.execute("CREATE TABLE bench_raw_task (id BIGSERIAL PRIMARY KEY, status VARCHAR(12) NOT NULL,"
                    + " payload JSONB NOT NULL, run_at TIMESTAMPTZ NOT NULL DEFAULT now(), locked_by VARCHAR(100),"
                    + " lease_until TIMESTAMPTZ, attempts INT NOT NULL DEFAULT 0, finished_at TIMESTAMPTZ)");
            st.execute("CREATE INDEX bench_raw_pending ON bench_raw_task (run_at, id) WHERE status = 'pending'");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(o.rawSeconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(o.pool);
        List<Future<Long>> futures = new ArrayList<>();
        CpuMeter.Reading cpu0 = cpu.read();
        long start = System.nanoTime();
        for (int t = 0; t < o.pool; t++) {
            String worker = "raw-" + t;
            futures.add(pool.submit(() -> rawLoop(worker, deadline)));
        }
        long cycles = 0;
        for (Future<Long> f : futures) {
            cycles += f.get();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        CpuMeter.Reading cpu1 = cpu.read();
        pool.shutdown();
        try (Connection c = db(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS bench_raw_task");
        }
        results.info("raw_cps", "raw PostgreSQL ceiling: insert + claim-one + complete, " + o.pool + " connections",
                cycles / secs, "cycles/s", "plain JDBC, autocommit, durable commits, same server");
        // the application is idle meanwhile: PostgreSQL and the benchmark's JDBC threads are the whole cost
        CpuMeter.Reading ms = cpu1.msPerTask(cpu0, cycles);
        results.info("raw_cpu_ms_per_cycle", "raw ceiling: CPU per cycle, PostgreSQL + JDBC client",
                ms.db() + ms.bench(), "ms",
                String.format(Locale.ROOT, "PostgreSQL %s + client %s ms; %s cores busy", Results.format(ms.db()),
                        Results.format(ms.bench()),
                        Results.format(cpu1.cores(cpu0, secs).db() + cpu1.cores(cpu0, secs).bench())));
    }

    private long rawLoop(String worker, long deadline) throws SQLException {
        long done = 0;
        try (Connection c = db();
                PreparedStatement ins = c
                        .prepareStatement("INSERT INTO bench_raw_task (status, payload) VALUES ('pending', ?::jsonb)");
                PreparedStatement claim = c.prepareStatement("UPDATE bench_raw_task SET status = 'processing',"
                        + " locked_by = ?, lease_until = now() + interval '30 seconds' WHERE id = (SELECT id FROM"
                        + " bench_raw_task WHERE status = 'pending' AND run_at <= now() ORDER BY run_at, id LIMIT 1"
                        + " FOR UPDATE SKIP LOCKED) RETURNING id");
                PreparedStatement complete = c.prepareStatement("UPDATE bench_raw_task SET status = 'success',"
                        + " locked_by = NULL, lease_until = NULL, attempts = attempts + 1, finished_at = now()"
                        + " WHERE id = ? AND locked_by = ?")) {
            long n = 0;
            while (System.nanoTime() < deadline) {
                ins.setString(1, "{\"ref\":\"raw-" + worker + "-" + (n++) + "\",\"message\":\"Benchmark\"}");
                ins.executeUpdate();
                claim.setString(1, worker);
                try (ResultSet rs = claim.executeQuery()) {
                    if (rs.next()) {
                        complete.setLong(1, rs.getLong(1));
                        complete.setString(2, worker);
                        done += complete.executeUpdate();
                    }
                }
            }
        }
        return done;
    }

    private void efficiency() {
        Results.Row raw = results.row("raw_cps");
        Results.Row e2e = results.row("e2e_tps");
        double ratio = raw == null || e2e == null ? Double.NaN : e2e.value() / raw.value();
        results.add("efficiency", "efficiency: end-to-end tasks/s ÷ raw PostgreSQL ceiling (same run, same pool)",
                Goal.AT_LEAST, 0.7, ratio, "×", "stretch ≥ 1");
    }

    private void fillFinished() throws SQLException {
        if (!hasDb()) {
            return;
        }
        log("growth: inserting " + o.finished + " finished tasks");
        long t0 = System.nanoTime();
        try (Connection c = db(); Statement st = c.createStatement()) {
            insertTasks(c, o.finished, "success", "now() - interval '1 hour'");
            // The state a table that grew to this size over time is in: vacuumed (hint bits and visibility map set)
            // and analyzed. Without it, autovacuum works through the million fresh rows during the measurement and
            // the figure shows that maintenance (claims 0.68x of the empty table in one run), not the table's size.
            st.execute("VACUUM (ANALYZE) task, task_search");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM task")) {
                rs.next();
                log(String.format(Locale.ROOT, "growth: task table holds %d rows (filled in %.1f s)", rs.getLong(1),
                        (System.nanoTime() - t0) / 1e9));
            }
        }
    }

    /** Ingest rate (closed loop) and claim rate (backlog drain) for the growth comparison. */
    private void growth(LoadGenerator closed, String label) throws SQLException {
        log("growth (" + label + "): " + o.growthSeconds + " s closed-loop ingestion, then drain of "
                + o.growthBacklog);
        LoadGenerator.ClosedResult r = closed.closedLoop(o.connections, Duration.ofSeconds(o.growthSeconds));
        quiesce();
        Drain claim = drain(o.growthBacklog);
        String what = "empty".equals(label) ? "empty table" : "with " + o.finished + " finished tasks";
        results.info("growth_ingest_" + label, "growth: ingest req/s, " + what, r.rate(), "req/s", "");
        results.info("growth_claim_" + label, "growth: claim (drain) tasks/s, " + what, claim.rate(), "tasks/s",
                o.growthBacklog + " pending" + claim.note());
    }

    private void growthRatios() {
        double ingest = results.row("growth_ingest_full").value() / results.row("growth_ingest_empty").value();
        double claim = results.row("growth_claim_full").value() / results.row("growth_claim_empty").value();
        results.add("growth_ingest_ratio", "growth: ingest rate with " + o.finished + " finished ÷ empty",
                Goal.AT_LEAST, 0.9, ingest, "×", "within 10%");
        results.add("growth_claim_ratio", "growth: claim rate with " + o.finished + " finished ÷ empty", Goal.AT_LEAST,
                0.9, claim, "×", "within 10%");
    }

    /**
     * Waits until nothing is pending or processing; after {@code quiesceSeconds} the rest is stopped by SQL so the next
     * phase starts from an idle queue.
     */
    private void quiesce() throws SQLException {
        if (!hasDb()) {
            AppUnderTest.pause(3000);
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(o.quiesceSeconds).toNanos();
        try (Connection c = db(); Statement st = c.createStatement()) {
            while (true) {
                long pending;
                long processing;
                try (ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE status = 'pending'),"
                        + " count(*) FILTER (WHERE status = 'processing') FROM task WHERE status IN ('pending', 'processing')")) {
                    rs.next();
                    pending = rs.getLong(1);
                    processing = rs.getLong(2);
                }
                if (pending == 0 && processing == 0) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    if (pending > 0) {
                        // SKIP LOCKED: a plain UPDATE in READ COMMITTED also locks rows that a worker claimed
                        // meanwhile, and could deadlock with its batch completion
                        int stopped = 0;
                        int n;
                        do {
                            n = st.executeUpdate("UPDATE task SET status = 'stopped', finished_at = now(),"
                                    + " last_error = 'Stopped by the benchmark' WHERE id IN (SELECT id FROM task"
                                    + " WHERE status = 'pending' LIMIT 10000 FOR UPDATE SKIP LOCKED)"
                                    + " AND status = 'pending'");
                            stopped += n;
                        } while (n > 0);
                        log("quiesce: stopped " + stopped + " tasks still pending after " + o.quiesceSeconds + " s");
                    }
                    deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    if (pending == 0) {
                        throw new IllegalStateException(processing + " tasks still processing");
                    }
                }
                AppUnderTest.pause(100);
            }
        }
    }

    // ---- helpers ----

    static double percentile(long[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int idx = (int) Math.ceil(p * sorted.length / 100.0 - 1e-9) - 1; // nearest rank
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    static double ms(double nanos) {
        return nanos / 1e6;
    }

    static void log(String message) {
        System.out.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + message);
    }
}
