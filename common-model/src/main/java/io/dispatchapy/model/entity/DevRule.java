package io.dispatchapy.model.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A dev-mode override: endpoint level when {@link #clientId} is null, client level otherwise (then {@link #endpointId},
 * when set, narrows the rule to that endpoint).
 */
@Entity
@Table(name = "dev_rule")
public class DevRule extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "endpoint_id")
    public Long endpointId;
    @Column(name = "client_id")
    public Long clientId;
    @Column(name = "condition_param")
    public String conditionParam;
    @Column(name = "condition_value")
    public String conditionValue;
    @Column(name = "target_param")
    public String targetParam;
    @Column(name = "override_value")
    public String overrideValue;
    public boolean active = true;
    public int position;
}
