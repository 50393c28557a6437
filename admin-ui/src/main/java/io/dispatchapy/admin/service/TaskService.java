package io.dispatchapy.admin.service;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.dispatchapy.admin.audit.AuditLog;
import io.dispatchapy.admin.rest.TaskActionDto;
import io.dispatchapy.admin.rest.TaskDetailDto;
import io.dispatchapy.admin.rest.TaskDto;
import io.dispatchapy.admin.rest.TaskPageDto;
import io.dispatchapy.model.entity.Task;
import io.dispatchapy.model.entity.TaskAttempt;
import io.dispatchapy.model.entity.TaskEvent;
import io.dispatchapy.model.entity.TaskStatus;
import io.dispatchapy.model.queue.TaskQueue;
import io.dispatchapy.model.queue.Transition;
import io.quarkus.panache.common.Sort;

/** Reads tasks and runs the admin's task actions through {@link TaskQueue}, which owns every status change. */
@ApplicationScoped
public class TaskService {
    public static final int MAX_PAGE_SIZE = 500;

    private final TaskQueue queue;

    private final AuditLog audit;

    public TaskService(TaskQueue queue, AuditLog audit) {
        this.queue = queue;
        this.audit = audit;
    }

    @Transactional
    public TaskPageDto search(TaskFilter filter) {
        if (filter.page() < 0) {
            throw ApiException.badRequest("page must be >= 0");
        }
        if (filter.size() < 1) {
            throw ApiException.badRequest("size must be >= 1");
        }
        int size = Math.min(filter.size(), MAX_PAGE_SIZE);
        TaskSearch search = new TaskSearch(filter);
        var em = Task.getEntityManager();
        List<TaskDto> items = search.page(em, filter.page(), size).stream().map(TaskDto::from).toList();
        return new TaskPageDto(items, search.count(em), filter.page(), size);
    }

    @Transactional
    public Optional<TaskDetailDto> detail(long id) {
        return Task.<Task> findByIdOptional(id)
                .map(t -> new TaskDetailDto(TaskDto.from(t),
                        TaskAttempt.<TaskAttempt> list("taskId", Sort.by("id"), id).stream()
                                .map(TaskDetailDto.Attempt::from).toList(),
                        TaskEvent.<TaskEvent> list("taskId", Sort.by("id"), id).stream().map(TaskDetailDto.Event::from)
                                .toList()));
    }

    public TaskActionDto retry(long id) {
        return retry(id, Optional.empty());
    }

    /** Retries a task; with an owner, only that client's task (another's is reported as not found). */
    @Transactional
    public TaskActionDto retry(long id, Optional<Long> owner) {
        check(queue.retry(id, owner), id, "cannot be retried");
        audit.record("retry", "task", id, "task " + id + " re-queued", null, null);
        return new TaskActionDto(TaskStatus.PENDING, "Task " + id + " has been re-queued for delivery.");
    }

    public TaskActionDto stop(long id) {
        return stop(id, Optional.empty());
    }

    @Transactional
    public TaskActionDto stop(long id, Optional<Long> owner) {
        check(queue.stop(id, owner), id, "cannot be stopped (only pending or held tasks can)");
        audit.record("stop", "task", id, "task " + id + " stopped", null, null);
        return new TaskActionDto(TaskStatus.STOPPED, "Task " + id + " stopped.");
    }

    public void delete(long id) {
        delete(id, Optional.empty());
    }

    @Transactional
    public void delete(long id, Optional<Long> owner) {
        check(queue.delete(id, owner), id, "cannot be deleted");
        audit.record("delete", "task", id, "task " + id + " deleted", null, null);
    }

    private void check(Transition result, long id, String conflict) {
        switch (result) {
        case DONE -> {
        }
        case NOT_FOUND -> throw ApiException.notFound("Task " + id + " not found");
        case CONFLICT -> throw ApiException.conflict("Task " + id + " is " + status(id) + " and " + conflict);
        }
    }

    @Transactional
    String status(long id) {
        return Task.<Task> findByIdOptional(id).map(t -> t.status).orElse("gone");
    }
}
