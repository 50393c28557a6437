package io.dispatchapy.model.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One line of a task's log. */
@Entity
@Table(name = "task_event")
public class TaskEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "task_id")
    public Long taskId;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
    @Column(columnDefinition = "text")
    public String message;
}
