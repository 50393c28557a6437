package io.dispatchapy.admin.rest;

import io.dispatchapy.model.entity.DevRule;

/** An endpoint-level dev-mode override. Empty {@code conditionParam}: always; {@code conditionValue} is a regex. */
public record DevRuleDto(String conditionParam, String conditionValue, String targetParam, String overrideValue) {

    public static DevRuleDto from(DevRule r) {
        return new DevRuleDto(r.conditionParam, r.conditionValue, r.targetParam, r.overrideValue);
    }
}
