package io.dispatchapy.model.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dispatchapy.model.dev.DevOverrides;
import io.dispatchapy.model.dev.DevRuleSpec;

class PayloadBuilderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode obj(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Supplier<String> noUuids() {
        return () -> {
            throw new AssertionError("no uuid expected");
        };
    }

    private static MappingSpec field(String target, String path) {
        return new MappingSpec(target, SourceType.FIELD, path);
    }

    @Test
    void noMappingsForwardsThePayloadUnchangedWithoutRaw() {
        ObjectNode payload = obj("{\"phone\":\"+31\",\"n\":5,\"nested\":{\"a\":[1,2]}}");

        ObjectNode out = PayloadBuilder.build(payload, payload, List.of(), true, noUuids());

        assertThat(out).isEqualTo(obj("{\"phone\":\"+31\",\"n\":5,\"nested\":{\"a\":[1,2]}}"));
        assertThat(out.has(PayloadBuilder.RAW_KEY)).isFalse();
        // a copy: changing the output does not touch the input
        out.put("phone", "changed");
        assertThat(payload.get("phone").textValue()).isEqualTo("+31");
    }

    @Test
    void noMappingsForwardsTheDevOverriddenPayload() {
        ObjectNode original = obj("{\"phone\":\"+31\"}");
        ObjectNode working = obj("{\"phone\":\"000\"}");

        ObjectNode out = PayloadBuilder.build(working, original, List.of(), true, noUuids());

        assertThat(out).isEqualTo(obj("{\"phone\":\"000\"}"));
    }

    @Test
    void fieldWithDotPathKeepsJsonTypes() {
        ObjectNode payload = obj("""
                {"user":{"age":42,"ratio":1.5,"vip":true,"address":{"city":"Ghent"},"tags":["a","b"],
                 "phone":"+32"}}""");
        List<MappingSpec> mappings = List.of(field("age", "user.age"), field("ratio", "user.ratio"),
                field("vip", "user.vip"), field("address", "user.address"), field("tags", "user.tags"),
                field("phone", "user.phone"));

        ObjectNode out = PayloadBuilder.build(payload, payload, mappings, false, noUuids());

        assertThat(out.get("age").isIntegralNumber()).isTrue();
        assertThat(out.get("age").intValue()).isEqualTo(42);
        assertThat(out.get("ratio").isNumber()).isTrue();
        assertThat(out.get("ratio").doubleValue()).isEqualTo(1.5);
        assertThat(out.get("vip").isBoolean()).isTrue();
        assertThat(out.get("vip").booleanValue()).isTrue();
        assertThat(out.get("address")).isEqualTo(obj("{\"city\":\"Ghent\"}"));
        assertThat(out.get("tags").isArray()).isTrue();
        assertThat(out.get("tags")).hasSize(2);
        assertThat(out.get("phone").textValue()).isEqualTo("+32");
        assertThat(out.size()).isEqualTo(6);
    }

    @Test
    void fieldValueIsACopy() {
        ObjectNode payload = obj("{\"address\":{\"city\":\"Ghent\"}}");
        ObjectNode out = PayloadBuilder.build(payload, payload, List.of(field("a", "address")), false, noUuids());

        ((ObjectNode) out.get("a")).put("city", "Paris");

        assertThat(payload.get("address").get("city").textValue()).isEqualTo("Ghent");
    }

    @Test
    void missingOrNullFieldIsLeftOut() {
        ObjectNode payload = obj("{\"a\":null,\"b\":\"x\",\"s\":\"str\"}");
        List<MappingSpec> mappings = List.of(field("fromNull", "a"), field("fromMissing", "nope"),
                field("fromDeepMissing", "b.c.d"), field("throughString", "s.x"), field("b", "b"),
                new MappingSpec("noPath", SourceType.FIELD, null));

        ObjectNode out = PayloadBuilder.build(payload, payload, mappings, false, noUuids());

        assertThat(out).isEqualTo(obj("{\"b\":\"x\"}"));
    }

    @Test
    void uuidComesFromTheSupplierFreshPerCall() {
        Iterator<String> ids = List.of("u-1", "u-2", "u-3").iterator();
        List<String> handedOut = new ArrayList<>();
        Supplier<String> uuids = () -> {
            String id = ids.next();
            handedOut.add(id);
            return id;
        };
        ObjectNode payload = obj("{}");
        List<MappingSpec> mappings = List.of(new MappingSpec("id", SourceType.UUID, null),
                new MappingSpec("other", SourceType.UUID, "ignored"));

        ObjectNode first = PayloadBuilder.build(payload, payload, mappings, false, uuids);
        ObjectNode second = PayloadBuilder.build(payload, payload, List.of(mappings.get(0)), false, uuids);

        assertThat(first.get("id").textValue()).isEqualTo("u-1");
        assertThat(first.get("other").textValue()).isEqualTo("u-2");
        assertThat(second.get("id").textValue()).isEqualTo("u-3");
        assertThat(handedOut).containsExactly("u-1", "u-2", "u-3");
    }

    @Test
    void constantIsItsText() {
        ObjectNode payload = obj("{\"channel\":\"mail\"}");
        List<MappingSpec> mappings = List.of(new MappingSpec("channel", SourceType.CONSTANT, "sms"),
                new MappingSpec("count", SourceType.CONSTANT, "5"),
                new MappingSpec("empty", SourceType.CONSTANT, null));

        ObjectNode out = PayloadBuilder.build(payload, payload, mappings, false, noUuids());

        assertThat(out.get("channel").textValue()).isEqualTo("sms");
        assertThat(out.get("count").isTextual()).isTrue();
        assertThat(out.get("count").textValue()).isEqualTo("5");
        assertThat(out.get("empty").textValue()).isEmpty();
    }

    @Test
    void templateFillsPlaceholdersAndMissingOnesAreEmpty() {
        ObjectNode payload = obj("{\"name\":\"Ann\",\"user\":{\"name\":\"bob\",\"age\":7,\"vip\":true},\"n\":null}");
        List<MappingSpec> mappings = List.of(
                new MappingSpec("text", SourceType.TEMPLATE, "Hi {name}, I am {user.name} ({user.age}, {user.vip})"),
                new MappingSpec("missing", SourceType.TEMPLATE, "[{nope}][{user.nope}][{n}]"),
                new MappingSpec("special", SourceType.TEMPLATE, "cost: $1 {name} \\ {\"json\": 1}"));

        ObjectNode out = PayloadBuilder.build(payload, payload, mappings, false, noUuids());

        assertThat(out.get("text").textValue()).isEqualTo("Hi Ann, I am bob (7, true)");
        assertThat(out.get("missing").textValue()).isEqualTo("[][][]");
        assertThat(out.get("special").textValue()).isEqualTo("cost: $1 Ann \\ {\"json\": 1}");
    }

    @Test
    void templateValueWithReplacementCharactersIsInsertedLiterally() {
        ObjectNode payload = obj("{\"v\":\"$1 \\\\ end\"}");

        assertThat(PayloadBuilder.fill("<{v}>", payload)).isEqualTo("<$1 \\ end>");
    }

    @Test
    void nestedTargetKeyBuildsNestedObjects() {
        ObjectNode payload = obj("{\"phone\":\"+1\",\"n\":3}");
        List<MappingSpec> mappings = List.of(field("a.b.c", "phone"), field("a.b.d", "n"),
                new MappingSpec("a.x", SourceType.CONSTANT, "k"));

        ObjectNode out = PayloadBuilder.build(payload, payload, mappings, false, noUuids());

        assertThat(out).isEqualTo(obj("{\"a\":{\"b\":{\"c\":\"+1\",\"d\":3},\"x\":\"k\"}}"));
    }

    @Test
    void rawHoldsTheOriginalPayloadNotTheOverriddenOne() {
        ObjectNode original = obj("{\"phone\":\"+32 470\",\"scope\":\"test-1\",\"n\":1}");
        Map<String, String> overrides = DevOverrides.compute(original, List.of(),
                List.of(new DevRuleSpec("scope", "^test", "phone", "000")));
        ObjectNode working = DevOverrides.apply(original, overrides);
        List<MappingSpec> mappings = List.of(field("to", "phone"));

        ObjectNode out = PayloadBuilder.build(working, original, mappings, true, noUuids());

        assertThat(out.get("to").textValue()).isEqualTo("000");
        assertThat(out.get(PayloadBuilder.RAW_KEY))
                .isEqualTo(obj("{\"phone\":\"+32 470\",\"scope\":\"test-1\",\"n\":1}"));
        assertThat(out.size()).isEqualTo(2);
        // _raw is a copy
        ((ObjectNode) out.get(PayloadBuilder.RAW_KEY)).put("phone", "x");
        assertThat(original.get("phone").textValue()).isEqualTo("+32 470");
    }

    @Test
    void rawIsAbsentWhenIncludeRawIsOff() {
        ObjectNode payload = obj("{\"phone\":\"+1\",\"other\":\"secret\"}");

        ObjectNode out = PayloadBuilder.build(payload, payload, List.of(field("to", "phone")), false, noUuids());

        assertThat(out).isEqualTo(obj("{\"to\":\"+1\"}"));
        assertThat(out.has(PayloadBuilder.RAW_KEY)).isFalse();
    }

    @Test
    void mappingsWhoseValuesAreAllMissingStillCarryRaw() {
        ObjectNode payload = obj("{\"x\":1}");

        ObjectNode out = PayloadBuilder.build(payload, payload, List.of(field("to", "phone")), true, noUuids());

        assertThat(out.properties()).extracting(Map.Entry::getKey).containsExactly(PayloadBuilder.RAW_KEY);
        JsonNode raw = out.get(PayloadBuilder.RAW_KEY);
        assertThat(raw).isEqualTo(payload);
    }

    @Test
    void sourceTypeWireNames() {
        assertThat(SourceType.fromWire("field")).contains(SourceType.FIELD);
        assertThat(SourceType.fromWire("template")).contains(SourceType.TEMPLATE);
        assertThat(SourceType.fromWire("FIELD")).isEmpty();
        assertThat(SourceType.fromWire("generate_uuid")).isEmpty();
        assertThat(SourceType.UUID.wireName()).isEqualTo("uuid");
    }
}
