package io.dispatchapy.admin.ui;

/** A UI failure answered with an HTML error page (never JSON, never a stack trace). */
public class UiException extends RuntimeException {
    private final int status;

    public UiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static UiException notFound(String what) {
        return new UiException(404, what + " not found");
    }
}
