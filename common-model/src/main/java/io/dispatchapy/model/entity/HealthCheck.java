package io.dispatchapy.model.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One active health check of a resource (its history). */
@Entity
@Table(name = "health_check")
public class HealthCheck extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "resource_id")
    public Long resourceId;
    @Column(name = "created_at")
    public Instant createdAt = Instant.now();
    public String method;
    public String trigger = "scheduled";
    public boolean success;
    @Column(name = "status_code")
    public Integer statusCode;
    @Column(name = "latency_ms")
    public Integer latencyMs;
    @Column(columnDefinition = "text")
    public String detail;
    @Column(name = "notification_status")
    public String notificationStatus;
}
