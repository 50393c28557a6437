package io.dispatchapy.model.entity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

/** One outbound provider API that tasks can be delivered to. */
@Entity
@Table(name = "resource")
public class Resource extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;
    public String url;
    public String method = "POST";
    @Column(name = "body_format")
    public String bodyFormat = "json";
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> headers = new LinkedHashMap<>();
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "required_params")
    public List<String> requiredParams = new ArrayList<>();
    @Column(name = "timeout_ms")
    public int timeoutMs = 15000;
    @Column(name = "include_raw")
    public boolean includeRaw = true;
    public boolean active = true;
    public String status = ResourceStatus.UP;
    @Column(name = "status_changed_at")
    public Instant statusChangedAt;

    @Column(name = "hc_enabled")
    public boolean hcEnabled;
    @Column(name = "hc_method")
    public String hcMethod = "tcp";
    @Column(name = "hc_url")
    public String hcUrl;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "hc_test_values")
    public Map<String, Object> hcTestValues = new LinkedHashMap<>();
    @Column(name = "hc_interval_min_seconds")
    public int hcIntervalMinSeconds = 60;
    @Column(name = "hc_interval_max_seconds")
    public int hcIntervalMaxSeconds = 90;
    @Column(name = "hc_failure_threshold")
    public int hcFailureThreshold = 2;
    @Column(name = "hc_success_threshold")
    public int hcSuccessThreshold = 1;
    @Column(name = "next_check_at")
    public Instant nextCheckAt;
    @Column(name = "last_checked_at")
    public Instant lastCheckedAt;
    @Column(name = "consecutive_failures")
    public int consecutiveFailures;
    @Column(name = "consecutive_successes")
    public int consecutiveSuccesses;
    @Column(name = "passive_failures")
    public int passiveFailures;
    @Column(name = "passive_threshold")
    public int passiveThreshold = 5;

    @Column(name = "email_enabled")
    public boolean emailEnabled;
    @Column(name = "email_recipients")
    public String emailRecipients;
    @Column(name = "email_subject")
    public String emailSubject;
    @Column(name = "email_body", columnDefinition = "text")
    public String emailBody;
    @Column(name = "webhook_enabled")
    public boolean webhookEnabled;
    @Column(name = "webhook_url")
    public String webhookUrl;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "webhook_headers")
    public Map<String, String> webhookHeaders = new LinkedHashMap<>();
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "webhook_payload")
    public Object webhookPayload = new LinkedHashMap<>();

    /** Set with updatedAt (the admin services use the database clock), so a new row is updated when created. */
    @Column(name = "created_at", updatable = false)
    public Instant createdAt = Instant.now();
    @Column(name = "updated_at")
    public Instant updatedAt = createdAt;
}
