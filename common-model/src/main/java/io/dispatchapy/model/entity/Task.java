package io.dispatchapy.model.entity;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A delivery job. Read through this entity; every state change goes through
 * {@link io.dispatchapy.model.queue.TaskQueue}, which owns the queue's SQL.
 */
@Entity
@Table(name = "task")
public class Task extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String status;
    @Column(name = "client_id")
    public Long clientId;
    @Column(name = "client_name")
    public String clientName;
    @Column(name = "endpoint_id")
    public Long endpointId;
    @Column(name = "endpoint_path")
    public String endpointPath;
    public String ref;
    public String scope;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> payload;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "target_payload")
    public Map<String, Object> targetPayload;
    public int attempts;
    @Column(name = "max_attempts")
    public int maxAttempts;
    public int passes;
    @Column(name = "run_at")
    public Instant runAt;
    @Column(name = "locked_by")
    public String lockedBy;
    @Column(name = "lease_until")
    public Instant leaseUntil;
    @Column(name = "resource_id")
    public Long resourceId;
    @Column(name = "resource_name")
    public String resourceName;
    @Column(name = "last_error", columnDefinition = "text")
    public String lastError;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "request_hash")
    public String requestHash;
    @Column(name = "accepted_as")
    public String acceptedAs;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
}
