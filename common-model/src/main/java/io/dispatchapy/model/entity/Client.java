package io.dispatchapy.model.entity;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An API consumer; it authenticates with a token of which only the hash is stored. */
@Entity
@Table(name = "client")
public class Client extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;
    public String description;
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "token_prefix")
    public String tokenPrefix;
    /** Hash of the token before the last rotation, accepted until {@link #previousTokenExpiresAt}; null if none. */
    @Column(name = "previous_token_hash")
    public String previousTokenHash;
    @Column(name = "previous_token_prefix")
    public String previousTokenPrefix;
    @Column(name = "previous_token_expires_at")
    public Instant previousTokenExpiresAt;
    /** Ingestion requests per second; null = the gateway's default, 0 = unlimited. */
    @Column(name = "rate_limit_per_second")
    public Integer rateLimitPerSecond;
    /** Requests allowed at once above the steady rate; null = the gateway's default. */
    @Column(name = "rate_limit_burst")
    public Integer rateLimitBurst;
    @Column(name = "legacy_endpoint_id")
    public Long legacyEndpointId;
    @Column(name = "dev_hold_tasks")
    public boolean devHoldTasks;
    @Column(name = "dev_rules_enabled")
    public boolean devRulesEnabled;

    @ManyToMany
    @JoinTable(name = "client_endpoint", joinColumns = @JoinColumn(name = "client_id"), inverseJoinColumns = @JoinColumn(name = "endpoint_id"))
    public Set<Endpoint> endpoints = new LinkedHashSet<>();

    /** Set with updatedAt (the admin services use the database clock), so a new row is updated when created. */
    @Column(name = "created_at", updatable = false)
    public Instant createdAt = Instant.now();
    @Column(name = "updated_at")
    public Instant updatedAt = createdAt;
}
