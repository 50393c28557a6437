package io.dispatchapy.model.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A change of a resource's UP/DOWN status, with its reason. */
@Entity
@Table(name = "resource_status_change")
public class ResourceStatusChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "resource_id")
    public Long resourceId;
    @Column(name = "created_at")
    public Instant createdAt = Instant.now();
    @Column(name = "from_status")
    public String fromStatus;
    @Column(name = "to_status")
    public String toStatus;
    public String reason;
    @Column(columnDefinition = "text")
    public String detail;
}
