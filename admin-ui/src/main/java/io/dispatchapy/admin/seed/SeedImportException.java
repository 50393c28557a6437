package io.dispatchapy.admin.seed;

/** The seed file cannot be imported at all (missing, unreadable, not a database of the original). */
public class SeedImportException extends RuntimeException {
    public SeedImportException(String message) {
        super(message);
    }

    public SeedImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
