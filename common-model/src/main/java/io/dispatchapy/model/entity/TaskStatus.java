package io.dispatchapy.model.entity;

import java.util.List;

/** The values of {@code task.status}. */
public final class TaskStatus {
    public static final String PENDING = "pending";
    public static final String PROCESSING = "processing";
    public static final String SUCCESS = "success";
    public static final String FAILED = "failed";
    public static final String HELD = "held";
    public static final String STOPPED = "stopped";

    public static final List<String> ALL = List.of(PENDING, PROCESSING, SUCCESS, FAILED, HELD, STOPPED);

    private TaskStatus() {
    }
}
