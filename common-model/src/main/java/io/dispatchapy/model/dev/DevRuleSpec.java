package io.dispatchapy.model.dev;

/**
 * A dev-mode override: when {@code conditionParam} is empty the rule always applies; otherwise the payload's value for
 * it must be present and non-null and, when {@code conditionValue} is set, the regular expression must be found in the
 * value's text (a plain substring test when it is not a valid expression).
 */
public record DevRuleSpec(String conditionParam, String conditionValue, String targetParam, String overrideValue) {
}
