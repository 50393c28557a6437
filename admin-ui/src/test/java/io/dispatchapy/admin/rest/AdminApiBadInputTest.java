package io.dispatchapy.admin.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Bad input against the admin API: each is a 4xx with a {@code detail}, nothing is stored (no row, no audit entry), and
 * the next good request works.
 */
@QuarkusTest
class AdminApiBadInputTest extends ApiTestSupport {

    @ParameterizedTest
    @ValueSource(strings = { "/resources", "/endpoints", "/clients" })
    void brokenNonObjectAndWronglyTypedBodies(String collection) throws Exception {
        for (String body : List.of("{\"name\": ", "not json", "[1,2]", "\"a string\"", "42", "{\"name\": 5, ",
                "{\"name\":\"a\"} trailing", "{\"name\":\"a\",\"name\":}", "{\"requiredParams\": \"x\"}",
                "{\"timeoutMs\": \"soon\"}", "{\"active\": \"yes please\"}", "{\"endpointIds\": {\"a\":1}}",
                "{\"resourceIds\": [\"one\"]}", "{\"nmae\": \"typo\"}")) {
            refused(api().body(body).post(V1 + collection), body);
        }
        nothingStoredAndStillServing();
    }

    @Test
    void unknownFieldsAreNamed() throws Exception {
        api().body(Map.of("name", "r", "url", "https://r.example", "timeoutMS", 5)).post(V1 + "/resources").then()
                .statusCode(400).body("detail", equalTo("Unknown field 'timeoutMS'"));
        nothingStoredAndStillServing();
    }

    @Test
    void negativeAndOversizedNumbers() throws Exception {
        for (Object timeout : List.of(-1, 0, Long.MAX_VALUE, 1e300, "99999999999999999999999")) {
            refused(api().body(Map.of("name", "r", "url", "https://r.example", "timeoutMs", timeout))
                    .post(V1 + "/resources"), "timeoutMs " + timeout);
        }
        refused(api().body(Map.of("maxAttempts", -3)).put(V1 + "/settings"), "maxAttempts -3");
        refused(api().body(Map.of("maxAttempts", 1_000_000_000_000L)).put(V1 + "/settings"), "maxAttempts huge");
        refused(api().body(Map.of("retryDelayMinSeconds", -1)).put(V1 + "/settings"), "delay -1");
        api().get(V1 + "/settings").then().body("maxAttempts", equalTo(5));
        refused(api().get(V1 + "/tasks?page=-1"), "page -1");
        api().get(V1 + "/tasks?size=100000").then().statusCode(200).body("size", equalTo(500)); // clamped
        refused(api().get(V1 + "/tasks/99999999999999999999999"), "huge id");
        nothingStoredAndStillServing();
    }

    @Test
    void hugeBodiesAre413BeforeBeingRead() throws Exception {
        String big = "{\"name\":\"r\",\"url\":\"https://r.example\",\"pad\":\"" + "x".repeat(6 * 1024 * 1024) + "\"}";
        api().body(big).post(V1 + "/resources").then().statusCode(413).body("detail", containsString("limit"));
        api().body("{\"resources\":[" + "{},".repeat(2_000_000) + "{}]}").put(V1 + "/config").then().statusCode(413)
                .body("detail", notNullValue());
        nothingStoredAndStillServing();
    }

    @Test
    void veryDeepNestingAndManyKeys() throws Exception {
        String deep = "{\"name\":\"r\",\"url\":\"https://r.example\",\"headers\":" + "{\"a\":".repeat(10_000) + "1"
                + "}".repeat(10_000) + "}";
        refused(api().body(deep).post(V1 + "/resources"), "deep object");
        refused(api().body("[".repeat(10_000) + "]".repeat(10_000)).put(V1 + "/config"), "deep array");
        StringBuilder keys = new StringBuilder("{\"name\":\"r\",\"url\":\"https://r.example\",\"headers\":{");
        for (int i = 0; i < 1_000; i++) {
            keys.append(i == 0 ? "" : ",").append("\"h").append(i).append("\":\"v\"");
        }
        refused(api().body(keys.append("}}").toString()).post(V1 + "/resources"), "1,000 headers (limit 100)");
        nothingStoredAndStillServing();
    }

    @Test
    void sqlAndHtmlInStringsAreStoredAsPlainTextOrRefused() throws Exception {
        String sql = "x'); DROP TABLE resource; --";
        String html = "<script>alert(1)</script>";
        long id = api().body(Map.of("name", sql, "url", "https://r.example")).post(V1 + "/resources").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        api().get(V1 + "/resources/" + id).then().body("name", equalTo(sql));
        api().body(Map.of("name", html, "endpointIds", List.of())).post(V1 + "/clients").then().statusCode(201)
                .body("name", equalTo(html));
        for (String path : List.of("../../etc/passwd", "a/../b", "./x", "a//b", "a\\b", "a?b=1", "a#b", "%2e%2e/x",
                "<b>")) {
            refused(api().body(Map.of("path", path)).post(V1 + "/endpoints"), "path " + path);
        }
        api().body(Map.of("path", "v1/send_sms-2.0")).post(V1 + "/endpoints").then().statusCode(201);
        refused(api().body(Map.of("name", "r2", "url", "javascript:alert(1)")).post(V1 + "/resources"), "js url");
        refused(api().get(V1 + "/audit?entityType=' OR 1=1 --&since=1' OR '1'='1"), "sql in a filter");
        api().get(V1 + "/audit?entityType=' OR 1=1 --").then().statusCode(200).body("total", equalTo(0));
        api().get(V1 + "/tasks?q=' OR 1=1 --").then().statusCode(200).body("total", equalTo(0));
        assertThat(count("resource")).isEqualTo(1);
        assertThat(count("endpoint")).isEqualTo(1);
    }

    @Test
    void nulByteAndInvalidUtf8() throws Exception {
        refused(given().auth().preemptive().basic("admin", "test-secret").contentType("application/json")
                .body(new byte[] { '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' })
                .post(V1 + "/clients"), "invalid utf-8");
        refused(api().body(Map.of("name", "a\u0000b", "url", "https://r.example")).post(V1 + "/resources"), "NUL");
        refused(api().body(Map.of("name", "c\u0000d", "endpointIds", List.of())).post(V1 + "/clients"), "NUL");
        nothingStoredAndStillServing();
    }

    private static void refused(io.restassured.response.Response r, String what) {
        r.then().statusCode(anyOf(equalTo(400), equalTo(404), equalTo(413), equalTo(422))).contentType(ContentType.JSON)
                .body("detail", notNullValue()).body("detail", not(containsString("Exception")));
        assertThat(r.statusCode()).as(what).isNotEqualTo(500);
    }

    private void nothingStoredAndStillServing() throws Exception {
        for (String table : List.of("resource", "endpoint", "client", "audit_log")) {
            assertThat(count(table)).as(table).isZero();
        }
        api().body(Map.of("name", "good", "url", "https://good.example")).post(V1 + "/resources").then()
                .statusCode(201);
    }

    private long count(String table) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
