package io.dispatchapy.model.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One HTTP call of a task to one resource. */
@Entity
@Table(name = "task_attempt")
public class TaskAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "task_id")
    public Long taskId;
    @Column(name = "attempt_no")
    public int attemptNo;
    @Column(name = "resource_id")
    public Long resourceId;
    @Column(name = "resource_name")
    public String resourceName;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "duration_ms")
    public int durationMs;
    public String outcome;
    @Column(name = "status_code")
    public Integer statusCode;
    @Column(columnDefinition = "text")
    public String detail;
}
