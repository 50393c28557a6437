package io.dispatchapy.gateway.service;

/** A refusal of a client request, answered as {@code {"detail": ...}} with the given HTTP status. */
public class ApiError extends RuntimeException {
    private final int status;

    public ApiError(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String detail() {
        return getMessage();
    }
}
