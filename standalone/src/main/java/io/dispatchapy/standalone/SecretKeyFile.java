package io.dispatchapy.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The standalone's key for secrets at rest when {@code DISPATCHAPY_SECRET_KEY} is not given: generated on the first
 * start into {@code <data dir>/secret.key} (mode 0600), reused afterwards, and handed to the configuration as a system
 * property before Quarkus starts. Whoever can read that file can decrypt the stored secrets: back it up with the
 * database, but keep it out of places the database dump goes.
 */
final class SecretKeyFile {
    static final String KEY_PROPERTY = "dispatchapy.secret.key";
    static final String PREVIOUS_PROPERTY = "dispatchapy.secret.key-previous";
    /** Where the key came from, for the startup banner (never the key). */
    static final String DESCRIPTION = "dispatchapy.standalone.secret-key";
    static final String FILE = "secret.key";
    /** A rotation's new key until the rotation has committed; readable as a previous key if it was interrupted. */
    static final String NEXT = "secret.key.next";

    private SecretKeyFile() {
    }

    /** Feeds the configuration: the environment's key if set, else the data directory's (generated if missing). */
    static void configure(Path dataDir) {
        if (configuredKey() != null) {
            System.setProperty(DESCRIPTION, "from DISPATCHAPY_SECRET_KEY");
            return;
        }
        Path file = dataDir.resolve(FILE);
        String key = read(file);
        if (key == null) {
            key = create(file, newKey());
        }
        System.setProperty(KEY_PROPERTY, key);
        String next = read(dataDir.resolve(NEXT));
        if (next != null) {
            System.setProperty(PREVIOUS_PROPERTY, next);
        }
        System.setProperty(DESCRIPTION, "in " + file + " (generated on the first start; keep it with the data)");
    }

    static String configuredKey() {
        String v = System.getProperty(KEY_PROPERTY);
        if (v == null || v.isBlank()) {
            v = System.getenv("DISPATCHAPY_SECRET_KEY");
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    static String newKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.US_ASCII).trim() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the secret key file " + file, e);
        }
    }

    /** Writes a new file readable by its owner only. */
    static String create(Path file, String key) {
        try {
            Files.createDirectories(file.getParent());
            try {
                Files.createFile(file,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file); // not a POSIX file system
            }
            Files.writeString(file, key + "\n", StandardCharsets.US_ASCII);
            return key;
        } catch (FileAlreadyExistsException e) {
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the secret key file " + file, e);
        }
    }

    /** Replaces the key file with the next key (after a committed rotation). */
    static void promote(Path dataDir) {
        try {
            Files.move(dataDir.resolve(NEXT), dataDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot replace " + dataDir.resolve(FILE), e);
        }
    }
}
