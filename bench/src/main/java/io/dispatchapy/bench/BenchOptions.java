package io.dispatchapy.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line options; {@code --quick} and {@code --smoke} shrink every duration and size. */
public final class BenchOptions {
    String url;
    String jdbcUrl;
    String dbUser = "postgres";
    String dbPassword = "postgres";
    String adminPassword = "bench-admin";
    long pid = -1;
    Path appJar;
    /** The JVM options the README recommends for the standalone, so the memory figure is the one users get. */
    static final String RECOMMENDED_JVM_OPTS = "-Xmx256m -XX:+UseSerialGC";
    String appJvmOpts = RECOMMENDED_JVM_OPTS;
    final Map<String, String> appEnv = new LinkedHashMap<>();
    /** Extra settings of the embedded PostgreSQL ({@code -c name=value}). */
    final Map<String, String> pgSettings = new LinkedHashMap<>();
    /** Load pg_stat_statements and log the statements that took the most time in each drain. */
    boolean pgStats;
    Path out;
    boolean keepData;
    int pool = 20;
    int connections = 64;
    int warmupSeconds = 10;
    /** Unmeasured seconds at the phase's rate before each open-loop phase. */
    int openWarmupSeconds = 5;
    int rawSeconds = 20;
    double latencyRate = 2000;
    int latencySeconds = 30;
    int sustainSeconds = 60;
    int e2eSeconds = 60;
    /** End to end: at most this many accepted tasks on their way to the providers at once. */
    int e2eWindow = 2_000;
    double e2eLatencyRate = 500;
    int e2eLatencySeconds = 30;
    int backlog = 100_000;
    int finished = 1_000_000;
    int growthSeconds = 15;
    int growthBacklog = 50_000;
    int quiesceSeconds = 30;
    int drainTimeoutSeconds = 300;
    String profile = "full";
    /** The phases to run; all by default. */
    Set<String> only = new LinkedHashSet<>(PHASES);
    /** Phase names for {@code --only}, in the order they run. */
    static final List<String> PHASES = List.of("raw", "growth", "latency", "sustained", "e2e", "e2e-latency",
            "backlog");

    public static BenchOptions parse(String... args) {
        BenchOptions o = new BenchOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
            case "--quick" -> o.quick();
            case "--smoke" -> o.smoke();
            case "--keep-data" -> o.keepData = true;
            case "--pg-stats" -> o.pgStats = true;
            case "--help", "-h" -> throw new IllegalArgumentException(usage());
            default -> {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Missing value for " + a + "\n" + usage());
                }
                String v = args[++i];
                switch (a) {
                case "--url" -> o.url = v.replaceAll("/$", "");
                case "--jdbc-url" -> o.jdbcUrl = v;
                case "--db-user" -> o.dbUser = v;
                case "--db-password" -> o.dbPassword = v;
                case "--admin-password" -> o.adminPassword = v;
                case "--pid" -> o.pid = Long.parseLong(v);
                case "--app-jar" -> o.appJar = Path.of(v);
                case "--app-jvm-opts" -> o.appJvmOpts = v;
                case "--pg-setting" -> {
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--pg-setting wants NAME=VALUE");
                    }
                    o.pgSettings.put(v.substring(0, eq), v.substring(eq + 1));
                }
                case "--app-env" -> {
                    int eq = v.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("--app-env wants KEY=VALUE");
                    }
                    o.appEnv.put(v.substring(0, eq), v.substring(eq + 1));
                }
                case "--out" -> o.out = Path.of(v);
                case "--pool" -> o.pool = Integer.parseInt(v);
                case "--connections" -> o.connections = Integer.parseInt(v);
                case "--warmup-seconds" -> o.warmupSeconds = Integer.parseInt(v);
                case "--open-warmup-seconds" -> o.openWarmupSeconds = Integer.parseInt(v);
                case "--raw-seconds" -> o.rawSeconds = Integer.parseInt(v);
                case "--latency-rate" -> o.latencyRate = Double.parseDouble(v);
                case "--latency-seconds" -> o.latencySeconds = Integer.parseInt(v);
                case "--sustain-seconds" -> o.sustainSeconds = Integer.parseInt(v);
                case "--e2e-seconds" -> o.e2eSeconds = Integer.parseInt(v);
                case "--e2e-window" -> o.e2eWindow = Integer.parseInt(v);
                case "--e2e-latency-rate" -> o.e2eLatencyRate = Double.parseDouble(v);
                case "--e2e-latency-seconds" -> o.e2eLatencySeconds = Integer.parseInt(v);
                case "--backlog" -> o.backlog = Integer.parseInt(v);
                case "--finished" -> o.finished = Integer.parseInt(v);
                case "--growth-seconds" -> o.growthSeconds = Integer.parseInt(v);
                case "--growth-backlog" -> o.growthBacklog = Integer.parseInt(v);
                case "--quiesce-seconds" -> o.quiesceSeconds = Integer.parseInt(v);
                case "--drain-timeout-seconds" -> o.drainTimeoutSeconds = Integer.parseInt(v);
                case "--only" -> o.only = phases(v);
                default -> throw new IllegalArgumentException("Unknown option " + a + "\n" + usage());
                }
            }
            }
        }
        if (o.url == null && o.appJar == null) {
            o.appJar = findAppJar();
        }
        if (o.out == null) {
            o.out = Files.isDirectory(Path.of("bench")) ? Path.of("bench", "results") : Path.of("results");
        }
        return o;
    }

    private static Set<String> phases(String list) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String name : list.split(",")) {
            String n = name.trim();
            if (!PHASES.contains(n)) {
                throw new IllegalArgumentException("Unknown phase '" + n + "' for --only; phases: " + PHASES);
            }
            chosen.add(n);
        }
        return chosen;
    }

    boolean runs(String phase) {
        return only.contains(phase);
    }

    private void quick() {
        profile = "quick";
        warmupSeconds = 5;
        openWarmupSeconds = 2;
        rawSeconds = 10;
        latencySeconds = 10;
        sustainSeconds = 20;
        e2eSeconds = 20;
        e2eLatencySeconds = 10;
        backlog = 20_000;
        finished = 200_000;
        growthSeconds = 5;
        growthBacklog = 5_000;
    }

    private void smoke() {
        profile = "smoke";
        connections = 8;
        warmupSeconds = 1;
        openWarmupSeconds = 0;
        rawSeconds = 1;
        latencyRate = 200;
        latencySeconds = 1;
        sustainSeconds = 2;
        e2eSeconds = 2;
        e2eLatencyRate = 100;
        e2eLatencySeconds = 1;
        backlog = 1_000;
        finished = 10_000;
        growthSeconds = 1;
        growthBacklog = 500;
        quiesceSeconds = 20;
        drainTimeoutSeconds = 120;
    }

    private static Path findAppJar() {
        for (String base : new String[] { ".", ".." }) {
            Path p = Path.of(base, "standalone", "target", "quarkus-app", "quarkus-run.jar");
            if (Files.exists(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        return Path.of("standalone", "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    }

    static String usage() {
        return """
                Usage: java -jar bench/target/bench.jar [--quick | --smoke] [options]
                  (no --url)          start standalone/target/quarkus-app/quarkus-run.jar as a child JVM against
                                      a fresh embedded PostgreSQL (durable commits) and measure it
                  --url URL           use a running application instead (admin API on the same URL)
                  --jdbc-url URL      its database, for the SQL-based figures (backlog, raw ceiling, growth);
                                      --db-user, --db-password
                  --pid PID           its process id, for the peak RSS
                  --admin-password P  admin password (for --url; the child JVM gets a generated one)
                  --app-jar PATH      the jar to start; --app-jvm-opts "..." (default "-Xmx256m -XX:+UseSerialGC", "" for JVM defaults); --app-env KEY=VALUE (repeatable)
                  --pool N            connection pool size of the app and of the raw ceiling (default 20)
                  --connections N     keep-alive connections of the closed-loop load (default 64)
                  --out DIR           where the JSON goes (default bench/results)
                  --keep-data         keep the embedded PostgreSQL data directory
                  --pg-setting N=V    a setting of the embedded PostgreSQL (repeatable), e.g. autovacuum=off
                  --pg-stats          load pg_stat_statements and log the statements that took the most
                                      time in each drain (diagnostics; costs a little CPU)
                  --only P1,P2        run only these phases (raw, growth, latency, sustained, e2e,
                                      e2e-latency, backlog); figures derived from a phase left out are
                                      not printed
                  --e2e-window N      end to end: at most N accepted tasks not yet delivered (default 2000)
                  durations/sizes:    --warmup-seconds --open-warmup-seconds --raw-seconds --latency-rate --latency-seconds
                                      --sustain-seconds --e2e-seconds --e2e-latency-rate
                                      --e2e-latency-seconds --backlog
                                      --finished --growth-seconds --growth-backlog --quiesce-seconds
                                      --drain-timeout-seconds
                """;
    }

    Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("profile", profile);
        m.put("target", url == null ? "child JVM " + appJar : url);
        m.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        m.put("java", System.getProperty("java.version"));
        m.put("pool", String.valueOf(pool));
        m.put("connections", String.valueOf(connections));
        m.put("appEnv", appEnv.toString());
        m.put("appJvmOpts", appJvmOpts);
        m.put("pgSettings", pgSettings.toString() + (pgStats ? " + pg_stat_statements" : ""));
        m.put("phases", String.join(",", only));
        m.put("durations",
                "warmup " + warmupSeconds + "s (open loop " + openWarmupSeconds + "s), raw " + rawSeconds
                        + "s, latency " + latencySeconds + "s @" + latencyRate + "/s, sustain " + sustainSeconds
                        + "s, e2e " + e2eSeconds + "s (window " + e2eWindow + "), e2e-latency " + e2eLatencySeconds
                        + "s @" + e2eLatencyRate + "/s, backlog " + backlog + ", finished " + finished + ", growth "
                        + growthSeconds + "s + " + growthBacklog);
        return m;
    }
}
