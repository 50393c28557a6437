package io.dispatchapy.worker.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.health.TaskAlerts;
import io.dispatchapy.model.queue.ClaimedTask;
import io.quarkus.logging.Log;

/** Queues task-level alerts when the runtime settings switch them on; never disturbs a delivery. */
@ApplicationScoped
public class TaskAlertPolicy {
    private final TaskAlerts alerts;
    private final SettingsCache settings;

    public TaskAlertPolicy(TaskAlerts alerts, SettingsCache settings) {
        this.alerts = alerts;
        this.settings = settings;
    }

    public void failed(ClaimedTask task, long lastResourceId, String error) {
        if (settings.flag(TaskAlerts.TASK_FAILED_SETTING)) {
            quietly(() -> alerts.taskFailed(task.id(), lastResourceId, task.endpointPath(), error));
        }
    }

    public void failedOver(ClaimedTask task, List<Long> failedResourceIds, String deliveredBy) {
        if (!failedResourceIds.isEmpty() && settings.flag(TaskAlerts.FAILOVER_SETTING)) {
            for (long id : failedResourceIds) {
                quietly(() -> alerts.failedOver(task.id(), id, deliveredBy, task.endpointPath()));
            }
        }
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            Log.warnf("Task alert not queued: %s", e.getMessage());
        }
    }
}
