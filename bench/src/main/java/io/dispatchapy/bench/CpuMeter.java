package io.dispatchapy.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used by the three parties of a run, read from {@code /proc} (Linux): the application JVM, the PostgreSQL
 * server (postmaster, its live children and the children it has reaped) and the benchmark JVM itself (load generator
 * and provider stubs). Differences of two readings divided by the tasks handled meanwhile give CPU per task, a figure
 * that does not depend on how much of the machine the run got, unlike a rate. NaN where a party is unknown.
 */
final class CpuMeter {
    /** Clock ticks per second of {@code /proc/<pid>/stat} times; 100 on Linux for decades (USER_HZ). */
    private static final double TICKS = 100.0;

    private final long appPid;
    private final Path postgresData;

    /**
     * @param appPid
     *            the application's pid, 0 when unknown
     * @param postgresData
     *            the PostgreSQL data directory (holds {@code postmaster.pid}), null when unknown
     */
    CpuMeter(long appPid, Path postgresData) {
        this.appPid = appPid;
        this.postgresData = postgresData;
    }

    /** CPU seconds used so far by each party. */
    record Reading(double app, double db, double bench) {
        /** CPU milliseconds per task of each party between {@code earlier} and this reading. */
        Reading msPerTask(Reading earlier, long tasks) {
            double n = Math.max(1, tasks) / 1000.0;
            return new Reading((app - earlier.app) / n, (db - earlier.db) / n, (bench - earlier.bench) / n);
        }

        /** Cores used by each party between {@code earlier} and this reading, {@code seconds} apart. */
        Reading cores(Reading earlier, double seconds) {
            return new Reading((app - earlier.app) / seconds, (db - earlier.db) / seconds,
                    (bench - earlier.bench) / seconds);
        }

        double total() {
            return app + db + bench;
        }
    }

    Reading read() {
        double bench = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        return new Reading(appPid > 0 ? seconds(appPid, false) : Double.NaN, postgres(), bench);
    }

    private double postgres() {
        long postmaster = postmasterPid();
        if (postmaster <= 0) {
            return Double.NaN;
        }
        // the postmaster's own time and that of the backends it has reaped, plus every live child's
        double total = seconds(postmaster, true);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    long[] stat = stat(Long.parseLong(name));
                    if (stat != null && stat[0] == postmaster) {
                        total += (stat[1] + stat[2] + stat[3] + stat[4]) / TICKS;
                    }
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return total;
    }

    private long postmasterPid() {
        if (postgresData == null) {
            return 0;
        }
        try {
            return Long.parseLong(Files.readAllLines(postgresData.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double seconds(long pid, boolean withReapedChildren) {
        long[] s = stat(pid);
        if (s == null) {
            return Double.NaN;
        }
        return (s[1] + s[2] + (withReapedChildren ? s[3] + s[4] : 0)) / TICKS;
    }

    /** ppid, utime, stime, cutime, cstime of a process, or null when it is gone. */
    static long[] stat(long pid) {
        String line;
        try {
            line = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return parseStat(line);
    }

    /** Fields after the command name, which may itself hold spaces and parentheses. */
    static long[] parseStat(String line) {
        String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] state, f[1] ppid, ... f[11] utime, f[12] stime, f[13] cutime, f[14] cstime
        return new long[] { Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
                Long.parseLong(f[14]) };
    }
}
