package io.dispatchapy.model.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A runtime setting edited in the UI, stored as text. */
@Entity
@Table(name = "setting")
public class Setting extends PanacheEntityBase {

    @Id
    public String key;

    @Column(columnDefinition = "text")
    public String value;
}
