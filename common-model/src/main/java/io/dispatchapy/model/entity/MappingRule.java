package io.dispatchapy.model.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One key of the payload sent to one resource for one endpoint. */
@Entity
@Table(name = "mapping_rule")
public class MappingRule extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "endpoint_id")
    public Long endpointId;
    @Column(name = "resource_id")
    public Long resourceId;
    @Column(name = "target_key")
    public String targetKey;
    @Column(name = "source_type")
    public String sourceType;
    @Column(name = "source_value", columnDefinition = "text")
    public String sourceValue;
    public int position;
}
