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

/** An alert waiting to be sent (or sent), written in the transaction of what caused it. */
@Entity
@Table(name = "alert_outbox")
public class AlertOutbox extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String kind;
    public String channel;
    @Column(name = "resource_id")
    public Long resourceId;
    @Column(name = "task_id")
    public Long taskId;
    @Column(name = "dedupe_key")
    public String dedupeKey;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> payload;
    public String status = "pending";
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt = Instant.now();
    @Column(name = "locked_by")
    public String lockedBy;
    @Column(name = "lease_until")
    public Instant leaseUntil;
    @Column(name = "last_error", columnDefinition = "text")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt = Instant.now();
    @Column(name = "sent_at")
    public Instant sentAt;
}
