package io.dispatchapy.standalone;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalInt;

/**
 * One Dispatchapy process per data directory. The lock is held for the life of the JVM and released by the operating
 * system even after {@code kill -9}; so when it can be taken, any PostgreSQL still running on the directory was left
 * behind by a dead process and may be restarted, and when it cannot, another instance is alive and this one refuses to
 * start instead of pulling the database from under it.
 */
final class DataDirLock {
    private static FileLock held;

    private DataDirLock() {
    }

    /** Takes the lock; answers an exit code when another process holds it or the directory is unusable. */
    static OptionalInt acquire(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            if ("root".equals(System.getProperty("user.name"))) {
                // the embedded server runs as an unprivileged user who must be able to enter the directory
                Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            FileChannel channel = FileChannel.open(dataDir.resolve("dispatchapy.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            held = channel.tryLock();
            if (held == null) {
                channel.close();
                System.err.println("Error: another Dispatchapy process is running with the data directory " + dataDir
                        + ". Stop it first, or give this one another DISPATCHAPY_DATA_DIR.");
                return OptionalInt.of(1);
            }
            return OptionalInt.empty();
        } catch (IOException | RuntimeException e) {
            System.err.println("Error: cannot use the data directory " + dataDir + ": " + e.getMessage());
            return OptionalInt.of(1);
        }
    }
}
