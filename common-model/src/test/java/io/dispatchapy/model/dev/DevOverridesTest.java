package io.dispatchapy.model.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class DevOverridesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode obj(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static DevRuleSpec rule(String conditionParam, String conditionValue, String target, String value) {
        return new DevRuleSpec(conditionParam, conditionValue, target, value);
    }

    @Test
    void ruleWithoutConditionParamAlwaysApplies() {
        ObjectNode payload = obj("{}");

        assertThat(DevOverrides.matches(payload, rule("", "whatever", "phone", "000"))).isTrue();
        assertThat(DevOverrides.matches(payload, rule(null, null, "phone", "000"))).isTrue();
        assertThat(DevOverrides.matches(payload, rule("  ", "x", "phone", "000"))).isTrue();
        assertThat(DevOverrides.compute(payload, List.of(), List.of(rule("", null, "phone", "000"))))
                .containsExactly(entry("phone", "000"));
    }

    @Test
    void missingOrNullConditionParamDoesNotMatch() {
        ObjectNode payload = obj("{\"scope\":null,\"user\":{}}");

        assertThat(DevOverrides.matches(payload, rule("scope", null, "t", "v"))).isFalse();
        assertThat(DevOverrides.matches(payload, rule("scope", "", "t", "v"))).isFalse();
        assertThat(DevOverrides.matches(payload, rule("absent", "", "t", "v"))).isFalse();
        assertThat(DevOverrides.matches(payload, rule("user.id", ".*", "t", "v"))).isFalse();
        assertThat(DevOverrides.compute(payload, List.of(rule("scope", null, "t", "v")),
                List.of(rule("absent", null, "t", "v")))).isEmpty();
    }

    @Test
    void presentValueWithEmptyConditionValueMatches() {
        ObjectNode payload = obj("{\"scope\":\"\",\"user\":{\"id\":0}}");

        assertThat(DevOverrides.matches(payload, rule("scope", "", "t", "v"))).isTrue();
        assertThat(DevOverrides.matches(payload, rule("user.id", null, "t", "v"))).isTrue();
    }

    @Test
    void regexIsSearchedUnanchored() {
        ObjectNode payload = obj("{\"scope\":\"test-1\",\"ref\":\"my-test\"}");

        assertThat(DevOverrides.matches(payload, rule("scope", "^test", "t", "v"))).isTrue();
        assertThat(DevOverrides.matches(payload, rule("scope", "est", "t", "v"))).isTrue();
        assertThat(DevOverrides.matches(payload, rule("scope", "-\\d$", "t", "v"))).isTrue();
        assertThat(DevOverrides.matches(payload, rule("ref", "^test", "t", "v"))).isFalse();
        assertThat(DevOverrides.matches(payload, rule("scope", "^est", "t", "v"))).isFalse();
        assertThat(DevOverrides.matches(payload, rule("scope", "TEST", "t", "v"))).isFalse();
    }

    @Test
    void invalidRegexFallsBackToSubstring() {
        ObjectNode payload = obj("{\"a\":\"price [EUR\",\"b\":\"(x\"}");

        assertThat(DevOverrides.matches(payload, rule("a", "[EUR", "t", "v"))).isTrue();
        assertThat(DevOverrides.matches(payload, rule("a", "[USD", "t", "v"))).isFalse();
        assertThat(DevOverrides.matches(payload, rule("b", "(x", "t", "v"))).isTrue();
    }

    @Test
    void nonStringValuesAreMatchedAsJsonText() {
        ObjectNode payload = obj("{\"flag\":true,\"n\":5,\"f\":5.5,\"obj\":{\"k\":1},\"arr\":[1,2]}");

        assertThat(DevOverrides.matches(payload, rule("flag", "^true$", "t", "v"))).isTrue();
        assertThat(DevOverrides.matches(payload, rule("flag", "True", "t", "v"))).isFalse();
        assertThat(DevOverrides.matches(payload, rule("n", "^5$", "t", "v"))).isTrue();
        assertThat(DevOverrides.matches(payload, rule("n", "5\\.0", "t", "v"))).isFalse();
        assertThat(DevOverrides.matches(payload, rule("f", "^5\\.5$", "t", "v"))).isTrue();
        assertThat(DevOverrides.matches(payload, rule("obj", "\"k\":1", "t", "v"))).isTrue();
        assertThat(DevOverrides.matches(payload, rule("arr", "^\\[1,2]$", "t", "v"))).isTrue();
    }

    @Test
    void laterRuleWinsWithinASet() {
        ObjectNode payload = obj("{\"scope\":\"test\"}");
        List<DevRuleSpec> rules = List.of(rule("", null, "phone", "first"), rule("scope", "test", "phone", "second"),
                rule("scope", "nomatch", "phone", "third"));

        assertThat(DevOverrides.compute(payload, rules, List.of())).containsExactly(entry("phone", "second"));
        assertThat(DevOverrides.compute(payload, List.of(), rules)).containsExactly(entry("phone", "second"));
    }

    @Test
    void endpointRulesWinOverClientRulesOnTheSameKey() {
        ObjectNode payload = obj("{\"scope\":\"test\"}");
        List<DevRuleSpec> client = List.of(rule("", null, "phone", "client"), rule("", null, "email", "c@x"));
        List<DevRuleSpec> endpoint = List.of(rule("", null, "phone", "endpoint"));

        Map<String, String> overrides = DevOverrides.compute(payload, client, endpoint);

        assertThat(overrides).containsOnly(entry("phone", "endpoint"), entry("email", "c@x"));
    }

    @Test
    void rulesWithoutTargetAreIgnoredAndNullOverrideIsEmpty() {
        ObjectNode payload = obj("{}");

        Map<String, String> overrides = DevOverrides.compute(payload,
                List.of(rule("", null, "", "x"), rule("", null, null, "y"), rule("", null, "k", null)), List.of());

        assertThat(overrides).containsExactly(entry("k", ""));
    }

    @Test
    void allRulesEvaluateAgainstThePayloadBeforeOverrides() {
        ObjectNode payload = obj("{\"scope\":\"prod\",\"phone\":\"+1\"}");
        // the first rule rewrites scope; the second would match only if it saw the rewritten value
        List<DevRuleSpec> client = List.of(rule("", null, "scope", "test"));
        List<DevRuleSpec> endpoint = List.of(rule("scope", "^test", "phone", "000"),
                rule("scope", "^prod", "marker", "seen-prod"));

        Map<String, String> overrides = DevOverrides.compute(payload, client, endpoint);
        ObjectNode working = DevOverrides.apply(payload, overrides);

        assertThat(overrides).containsOnly(entry("scope", "test"), entry("marker", "seen-prod"));
        assertThat(working).isEqualTo(obj("{\"scope\":\"test\",\"phone\":\"+1\",\"marker\":\"seen-prod\"}"));
        // the input is left alone
        assertThat(payload).isEqualTo(obj("{\"scope\":\"prod\",\"phone\":\"+1\"}"));
    }

    @Test
    void applyCreatesNewAndNestedKeys() {
        ObjectNode payload = obj("{\"user\":{\"phone\":\"+1\",\"name\":\"a\"}}");

        ObjectNode working = DevOverrides.apply(payload, Map.of("user.phone", "000", "extra.k", "v"));

        assertThat(working).isEqualTo(obj("{\"user\":{\"phone\":\"000\",\"name\":\"a\"},\"extra\":{\"k\":\"v\"}}"));
    }

    @Test
    void overrideKeepsTheTypeWhenItParses() {
        ObjectNode payload = obj("""
                {"n":5,"f":1.5,"b":true,"s":"+32","nested":{"n":1},"o":{"x":1},"nul":null}""");
        Map<String, String> overrides = Map.of("n", "42", "f", "2.25", "b", "false", "s", "000", "nested.n", "7", "o",
                "plain", "nul", "3");

        ObjectNode working = DevOverrides.apply(payload, overrides);

        assertThat(working.get("n").isIntegralNumber()).isTrue();
        assertThat(working.get("n").longValue()).isEqualTo(42);
        assertThat(working.get("f").isNumber()).isTrue();
        assertThat(working.get("f").decimalValue()).isEqualByComparingTo("2.25");
        assertThat(working.get("b").isBoolean()).isTrue();
        assertThat(working.get("b").booleanValue()).isFalse();
        assertThat(working.get("s").isTextual()).isTrue();
        assertThat(working.get("s").textValue()).isEqualTo("000");
        assertThat(working.get("nested").get("n").isIntegralNumber()).isTrue();
        assertThat(working.get("nested").get("n").intValue()).isEqualTo(7);
        assertThat(working.get("o").textValue()).isEqualTo("plain");
        // null (or missing) has no type to keep: the override is a string
        assertThat(working.get("nul").isTextual()).isTrue();
        assertThat(working.get("nul").textValue()).isEqualTo("3");
    }

    @Test
    void overrideThatDoesNotParseBecomesAString() {
        ObjectNode payload = obj("{\"n\":5,\"f\":1.5,\"b\":true}");

        ObjectNode working = DevOverrides.apply(payload, Map.of("n", "abc", "f", "1.2.3", "b", "yes"));

        assertThat(working.get("n").isTextual()).isTrue();
        assertThat(working.get("n").textValue()).isEqualTo("abc");
        assertThat(working.get("f").textValue()).isEqualTo("1.2.3");
        assertThat(working.get("b").isTextual()).isTrue();
        assertThat(working.get("b").textValue()).isEqualTo("yes");
    }

    @Test
    void typedHandlesEdgeCases() {
        JsonNode number = JSON.getNodeFactory().numberNode(5);
        JsonNode bool = JSON.getNodeFactory().booleanNode(true);

        assertThat(DevOverrides.typed(number, "000").isNumber()).isTrue();
        assertThat(DevOverrides.typed(number, "000").longValue()).isZero();
        assertThat(DevOverrides.typed(number, "-12").longValue()).isEqualTo(-12);
        assertThat(DevOverrides.typed(number, "1e3").decimalValue()).isEqualByComparingTo("1000");
        assertThat(DevOverrides.typed(number, "").isTextual()).isTrue();
        assertThat(DevOverrides.typed(number, "99999999999999999999").isIntegralNumber()).isTrue();
        assertThat(DevOverrides.typed(number, "99999999999999999999").bigIntegerValue())
                .isEqualTo(new java.math.BigInteger("99999999999999999999"));
        assertThat(DevOverrides.typed(bool, "TRUE").isTextual()).isTrue();
        assertThat(DevOverrides.typed(bool, "true").booleanValue()).isTrue();
        assertThat(DevOverrides.typed(null, "true").isTextual()).isTrue();
    }
}
