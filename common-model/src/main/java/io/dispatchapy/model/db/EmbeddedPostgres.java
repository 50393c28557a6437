package io.dispatchapy.model.db;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server run from the binaries that {@code io.zonky.test.postgres} ships on Maven Central, so nothing
 * has to be installed. Used by the standalone application (data kept in a directory across restarts) and by the tests.
 * <p>
 * PostgreSQL refuses to run as root, and zonky's launcher offers no way around that; containers and CI often run as
 * root. This launcher therefore extracts the binaries itself and, when the JVM runs as root, runs {@code initdb} and
 * {@code pg_ctl} as the unprivileged user {@code nobody} through {@code setpriv}, giving that user the data directory.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    public static final String USER = "postgres";
    private static final String RUN_AS = "nobody";

    private final Path binDir;
    private final Path dataDir;
    private final int port;
    private final boolean asRoot;

    private EmbeddedPostgres(Path binDir, Path dataDir, int port, boolean asRoot) {
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.port = port;
        this.asRoot = asRoot;
    }

    /**
     * Starts a server on {@code port} (0 picks a free one) with its data in {@code dataDir}, creating the cluster on
     * first use. {@code durable=false} turns fsync off (tests only).
     */
    public static EmbeddedPostgres start(Path dataDir, int port, boolean durable) {
        return start(dataDir, port, durable, Map.of());
    }

    /**
     * As {@link #start(Path, int, boolean)}, with more server settings ({@code -c name=value}), e.g. for a benchmark
     * that loads {@code pg_stat_statements}.
     */
    public static EmbeddedPostgres start(Path dataDir, int port, boolean durable, Map<String, String> settings) {
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (!e.getKey().matches("[a-z_.]+") || !e.getValue().matches("[A-Za-z0-9_.,:-]*")) {
                throw new IllegalArgumentException("Unsafe server setting: " + e.getKey() + "=" + e.getValue());
            }
        }
        try {
            Path data = dataDir.toAbsolutePath().normalize();
            Path bin = extractBinaries();
            boolean root = isRoot();
            EmbeddedPostgres pg = new EmbeddedPostgres(bin, data, port == 0 ? freePort() : port, root);
            pg.initIfNeeded();
            pg.stopStale();
            pg.startServer(durable, settings);
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Creates a database if it does not exist yet. */
    public void createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Unsafe database name: " + name);
        }
        try (var c = java.sql.DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                var st = c.createStatement()) {
            try (var rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            st.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    @Override
    public void close() {
        try {
            run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop"),
                    Duration.ofSeconds(70));
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not stop the embedded PostgreSQL: " + e.getMessage());
        }
    }

    private void initIfNeeded() throws IOException {
        if (Files.exists(dataDir.resolve("PG_VERSION"))) {
            giveToRunUser(dataDir);
            return;
        }
        Files.createDirectories(dataDir);
        giveToRunUser(dataDir);
        run(List.of(bin("initdb"), "-A", "trust", "-U", USER, "-D", dataDir.toString(), "-E", "UTF-8", "--no-locale"),
                Duration.ofMinutes(2));
    }

    /** A server left running by a killed process would block the start: stop it first. */
    private void stopStale() {
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            try {
                run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"),
                        Duration.ofSeconds(30));
            } catch (IOException | RuntimeException e) {
                // not running: the stale pid file is handled by the server itself
            }
        }
    }

    private void startServer(boolean durable, Map<String, String> settings) throws IOException {
        Path log = dataDir.resolve("server.log");
        // Throughput without giving up durability: a larger WAL buffer for many small concurrent commits, and fewer
        // checkpoints (each one makes the next write of every page log a full page image) during long drains.
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
                + " -c max_connections=300 -c shared_buffers=128MB -c wal_buffers=16MB -c max_wal_size=2GB"
                + " -c checkpoint_timeout=15min"
                + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        StringBuilder more = new StringBuilder();
        settings.forEach((name, value) -> more.append(" -c ").append(name).append('=').append(value));
        options += more;
        run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-l", log.toString(), "-o", options, "-w", "-t", "120",
                "start"), Duration.ofMinutes(3));
    }

    private String bin(String name) {
        return binDir.resolve(name).toString();
    }

    private void run(List<String> command, Duration timeout) throws IOException {
        List<String> full = new ArrayList<>();
        if (asRoot) {
            full.addAll(List.of("setpriv", "--reuid=" + RUN_AS, "--regid=" + runGroup(), "--clear-groups", "--"));
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        if (asRoot) {
            pb.directory(dataDir.getParent().toFile());
        }
        Process p = pb.start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("Timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + String.join(" ", command), e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(
                    "Command failed (" + p.exitValue() + "): " + String.join(" ", command) + "\n" + output);
        }
    }

    private void giveToRunUser(Path dir) throws IOException {
        if (!asRoot) {
            return;
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        run0(List.of("chown", "-R", RUN_AS + ":" + runGroup(), dir.toString()));
        // the user must be able to reach the directory
        for (Path p = dir.getParent(); p != null; p = p.getParent()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("The embedded PostgreSQL runs as '" + RUN_AS
                        + "' because this process is root, and that user cannot enter " + p
                        + ". Choose a data directory outside it (DISPATCHAPY_DATA_DIR).");
            }
        }
    }

    private static void run0(List<String> command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("Command failed: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String runGroup() {
        return Files.exists(Path.of("/etc/group")) && groupExists("nogroup") ? "nogroup" : "nobody";
    }

    private static boolean groupExists(String name) {
        try {
            return Files.readAllLines(Path.of("/etc/group")).stream().anyMatch(l -> l.startsWith(name + ":"));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Extracts the PostgreSQL archive once per version into the temp directory, under a file lock. */
    private static Path extractBinaries() throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("mac") ? "darwin" : "linux";
        String arch = System.getProperty("os.arch").matches("aarch64|arm64") ? "arm_64" : "x86_64";
        String resource = "postgres-" + os + "-" + arch + ".txz";
        var url = EmbeddedPostgres.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("No embedded PostgreSQL binaries for " + os + "/" + arch
                    + " on the class path; set QUARKUS_DATASOURCE_JDBC_URL to use an external database.");
        }
        String key = contentKey(url);
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "dispatchapy-pg-" + key);
        Path done = base.resolve(".extracted");
        Files.createDirectories(base);
        try (FileChannel ch = FileChannel.open(base.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
            if (!Files.exists(done)) {
                untar(url.openStream(), base);
                Files.writeString(done, resource);
            }
        }
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        return base.resolve("bin");
    }

    /**
     * Names the archive by its content where the jar says it (CRC and size of the entry), so that every copy of the
     * same jar — each checkout, each module's test class path — shares one extraction; by its location otherwise.
     */
    static String contentKey(java.net.URL url) throws IOException {
        if (url.openConnection() instanceof java.net.JarURLConnection jar) {
            jar.setUseCaches(false);
            var entry = jar.getJarEntry();
            try {
                if (entry != null && entry.getCrc() != -1) {
                    return Long.toHexString(entry.getCrc()) + "-" + Long.toHexString(entry.getSize());
                }
            } finally {
                jar.getJarFile().close();
            }
        }
        return Integer.toHexString(url.toString().hashCode());
    }

    private static void untar(InputStream raw, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(raw)))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("Bad archive entry " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.deleteIfExists(out);
                    Files.createSymbolicLink(out, Path.of(e.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    boolean exec = (e.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(out,
                            PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (var walk = Files.walk(target)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isDirectory(p) && !Files.isSymbolicLink(p)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }
}
