package io.dispatchapy.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The command line {@code rotate-secret-key}: re-encrypts every stored secret with a new key. With
 * {@code DISPATCHAPY_SECRET_KEY} set it uses that key (and {@code DISPATCHAPY_SECRET_KEY_PREVIOUS} to read the old
 * values); with the generated key of the data directory it generates the next key, re-encrypts with it and, once that
 * has committed, makes it the key of {@code <data dir>/secret.key}. Stop the running instance first.
 */
final class RotateSecretKeyCommand {
    static final String NAME = "rotate-secret-key";

    private RotateSecretKeyCommand() {
    }

    static boolean requested(String... args) {
        return args.length > 0 && NAME.equals(args[0]);
    }

    /** The same quiet process as {@code import-seed}: no deliveries, no checks, a random local port. */
    static void configureProcess() {
        ImportSeedCommand.configureProcess();
        System.setProperty(ImportSeedCommand.MODE_PROPERTY, NAME);
    }

    /** Sets the keys for the rotation; answers whether the data directory's key file is rotated. */
    static boolean prepare(Path dataDir) {
        if (SecretKeyFile.configuredKey() != null) {
            SecretKeyFile.configure(dataDir);
            return false;
        }
        Path file = dataDir.resolve(SecretKeyFile.FILE);
        String old = SecretKeyFile.read(file);
        if (old == null) {
            SecretKeyFile.configure(dataDir); // nothing was encrypted yet: a first key is all it takes
            return false;
        }
        Path next = dataDir.resolve(SecretKeyFile.NEXT);
        String fresh = SecretKeyFile.read(next);
        if (fresh == null) {
            fresh = SecretKeyFile.create(next, SecretKeyFile.newKey());
        }
        System.setProperty(SecretKeyFile.KEY_PROPERTY, fresh);
        System.setProperty(SecretKeyFile.PREVIOUS_PROPERTY, old);
        System.setProperty(SecretKeyFile.DESCRIPTION, "new key in " + next + ", old key in " + file);
        return true;
    }

    /** After the rotation: the new key becomes the key file on success; it is dropped on failure. */
    static void finish(Path dataDir, boolean fileRotated, boolean succeeded) {
        if (!fileRotated) {
            return;
        }
        if (succeeded) {
            SecretKeyFile.promote(dataDir);
            System.out.println("The new key is now in " + dataDir.resolve(SecretKeyFile.FILE));
        } else {
            try {
                Files.deleteIfExists(dataDir.resolve(SecretKeyFile.NEXT));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
