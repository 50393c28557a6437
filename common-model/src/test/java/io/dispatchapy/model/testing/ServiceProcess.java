package io.dispatchapy.model.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;

/**
 * A built service jar started as its own JVM, the way an operator runs it, with its output in a log file. Tests use it
 * to run several services (or several replicas) against one database.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code java -jar jar} on a free HTTP port with the test database and the given extra environment, and
     * waits until {@code /q/health/ready} answers 200.
     */
    public static ServiceProcess start(Path jar, String name, Map<String, String> env, Duration startTimeout) {
        return start(jar, name, env, startTimeout, true);
    }

    /** As {@link #start(Path, String, Map, Duration)}; without the test database when {@code testDatabase} is false. */
    public static ServiceProcess start(Path jar, String name, Map<String, String> env, Duration startTimeout,
            boolean testDatabase) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " does not exist: build the module first (mvn package)");
        }
        try {
            int port = freePort();
            Path log = Files.createTempFile("dispatchapy-" + name + "-", ".log");
            List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-jar", jar.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> e = pb.environment();
            e.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            e.remove("QUARKUS_DATASOURCE_JDBC_URL");
            if (testDatabase) {
                e.put("QUARKUS_DATASOURCE_JDBC_URL", PostgresResource.jdbcUrl());
                e.put("QUARKUS_DATASOURCE_USERNAME", PostgresResource.username());
                e.put("QUARKUS_DATASOURCE_PASSWORD", PostgresResource.password());
            }
            e.putAll(env);
            ServiceProcess sp = new ServiceProcess(pb.start(), port, log);
            sp.awaitReady(startTimeout);
            return sp;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: the process gets no chance to clean up. */
    public void kill() {
        process.destroyForcibly();
        waitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM and wait for a graceful exit. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!waitExit(Duration.ofSeconds(60))) {
                process.destroyForcibly();
            }
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Process exited with " + process.exitValue() + ":\n" + logText());
                }
                return ready();
            });
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("Not ready by " + deadline + ":\n" + logText(), e);
        }
    }

    private boolean ready() {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean waitExit(Duration d) {
        try {
            return process.waitFor(d.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
