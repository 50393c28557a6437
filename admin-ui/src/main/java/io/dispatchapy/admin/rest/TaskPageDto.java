package io.dispatchapy.admin.rest;

import java.util.List;

/** One page of tasks, newest first; {@code page} is 0-based. */
public record TaskPageDto(List<TaskDto> items, long total, int page, int size) {
}
