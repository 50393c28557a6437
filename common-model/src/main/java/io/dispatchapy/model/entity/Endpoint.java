package io.dispatchapy.model.entity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One inbound gateway route, {@code POST /api/<path>}, with its ordered failover list. */
@Entity
@Table(name = "endpoint")
public class Endpoint extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String path;
    public String description;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "required_params")
    public List<String> requiredParams = new ArrayList<>();
    public boolean active = true;
    @Column(name = "dev_mode")
    public boolean devMode;
    @Column(name = "dev_hold_tasks")
    public boolean devHoldTasks;
    @Column(name = "dev_rules_enabled")
    public boolean devRulesEnabled;

    /** The failover order: the first resource is tried first. */
    @ManyToMany
    @JoinTable(name = "endpoint_resource", joinColumns = @JoinColumn(name = "endpoint_id"), inverseJoinColumns = @JoinColumn(name = "resource_id"))
    @OrderColumn(name = "position")
    public List<Resource> resources = new ArrayList<>();

    /** Set with updatedAt (the admin services use the database clock), so a new row is updated when created. */
    @Column(name = "created_at", updatable = false)
    public Instant createdAt = Instant.now();
    @Column(name = "updated_at")
    public Instant updatedAt = createdAt;

    public static Optional<Endpoint> findByPath(String path) {
        return find("path", path).firstResultOptional();
    }
}
