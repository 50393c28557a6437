package io.dispatchapy.admin.service;

import io.dispatchapy.admin.rest.DevRuleDto;
import io.dispatchapy.model.entity.DevRule;

/** Validation of one dev-mode override rule (endpoint or client level). */
final class DevRules {
    private DevRules() {
    }

    static DevRule toEntity(DevRuleDto r) {
        if (r == null) {
            throw ApiException.badRequest("A dev rule must be an object");
        }
        return toEntity(r.conditionParam(), r.conditionValue(), r.targetParam(), r.overrideValue());
    }

    static DevRule toEntity(String conditionParam, String conditionValue, String targetParam, String overrideValue) {
        DevRule rule = new DevRule();
        rule.conditionParam = Checks.optional(conditionParam, "conditionParam", 500);
        rule.conditionValue = conditionValue == null || conditionValue.isEmpty() ? null
                : Checks.maxLength(conditionValue, "conditionValue", 2000);
        rule.targetParam = Checks.required(targetParam, "targetParam", 500);
        if (overrideValue == null) {
            throw ApiException.badRequest("overrideValue is required");
        }
        rule.overrideValue = Checks.maxLength(overrideValue, "overrideValue", 2000);
        return rule;
    }
}
