package io.dispatchapy.admin.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dispatchapy.model.entity.Client;
import io.dispatchapy.model.token.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ClientsApiTest extends ApiTestSupport {

    @Test
    void createShowsTheTokenOnceAndStoresOnlyItsHash() {
        long e = createEndpoint("send");
        JsonPath created = api()
                .body(Map.of("name", "shop", "description", "Shop backend", "endpointIds", List.of(e), "devMode",
                        Map.of("holdTasks", true, "rules",
                                List.of(Map.of("conditionParam", "scope", "conditionValue", "^test", "targetParam",
                                        "phone", "overrideValue", "000")))))
                .post(V1 + "/clients").then().statusCode(201).body("id", equalTo(1)).body("name", equalTo("shop"))
                .body("description", equalTo("Shop backend")).body("endpointIds", contains((int) e))
                .body("token", startsWith("dpy_")).body("devMode.holdTasks", equalTo(true))
                .body("devMode.rulesEnabled", equalTo(false)).body("devMode.rules[0].endpointId", nullValue())
                .body("devMode.rules[0].targetParam", equalTo("phone"))
                .body("devMode.rules[0].overrideValue", equalTo("000")).extract().jsonPath();
        String token = created.getString("token");
        assertThat(token).hasSize(47);
        assertThat(created.getString("tokenPrefix")).isEqualTo(token.substring(0, 8));
        assertThat(tokenHash(1)).isEqualTo(Tokens.hash(token));
        assertUpdatedWhenCreated(V1 + "/clients/1");
        api().get(V1 + "/clients/1").then().statusCode(200).body("$", not(hasKey("token")))
                .body("$", not(hasKey("tokenHash"))).body("tokenPrefix", equalTo(token.substring(0, 8)));
        String list = api().get(V1 + "/clients").then().statusCode(200).body("name", contains("shop")).extract()
                .asString();
        assertThat(list).doesNotContain(token).doesNotContain(Tokens.hash(token)).doesNotContain("\"token\"");
    }

    @Test
    void rotatingTheTokenReplacesTheStoredHash() {
        long id = createClient("shop");
        String before = tokenHash(id);
        String token = api().post(V1 + "/clients/" + id + "/token").then().statusCode(200).body("id", equalTo((int) id))
                .body("token", startsWith("dpy_")).extract().jsonPath().getString("token");
        assertThat(tokenHash(id)).isNotEqualTo(before).isEqualTo(Tokens.hash(token));
        api().get(V1 + "/clients/" + id).then().body("tokenPrefix", equalTo(Tokens.visiblePrefix(token)));
        api().post(V1 + "/clients/99/token").then().statusCode(404).body("detail", equalTo("Client 99 not found"));
    }

    @Test
    void updatesLinksAndRulesAndValidates() {
        long e1 = createEndpoint("one");
        long e2 = createEndpoint("two");
        long id = createClient("shop", e1);
        createClient("taken");
        api().body(Map.of("endpointIds", List.of(e2), "devMode",
                Map.of("rulesEnabled", true, "rules",
                        List.of(Map.of("endpointId", e2, "targetParam", "x", "overrideValue", "y")))))
                .put(V1 + "/clients/" + id).then().statusCode(200).body("name", equalTo("shop"))
                .body("endpointIds", contains((int) e2)).body("devMode.rulesEnabled", equalTo(true))
                .body("devMode.rules", hasSize(1)).body("devMode.rules[0].endpointId", equalTo((int) e2))
                .body("$", not(hasKey("token")));
        api().body(Map.of("name", "taken")).put(V1 + "/clients/" + id).then().statusCode(400).body("detail",
                equalTo("A client named 'taken' already exists"));
        api().body(Map.of("name", "taken")).post(V1 + "/clients").then().statusCode(400).body("detail",
                equalTo("A client named 'taken' already exists"));
        api().body(Map.of("name", " ")).post(V1 + "/clients").then().statusCode(400).body("detail",
                equalTo("name is required"));
        api().body(Map.of("name", "new", "endpointIds", List.of(42))).post(V1 + "/clients").then().statusCode(400)
                .body("detail", equalTo("Unknown endpoint id 42"));
        api().body(Map.of("name", "x")).put(V1 + "/clients/99").then().statusCode(404);
        api().get(V1 + "/clients/" + id).then().body("name", equalTo("shop")).body("endpointIds", contains((int) e2));
    }

    @Test
    void deleteRemovesTheClient() {
        long id = createClient("shop");
        api().delete(V1 + "/clients/" + id).then().statusCode(204);
        api().get(V1 + "/clients/" + id).then().statusCode(404).body("detail", equalTo("Client " + id + " not found"));
        api().delete(V1 + "/clients/" + id).then().statusCode(404);
    }

    private static String tokenHash(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Client.<Client> findById(id).tokenHash);
    }
}
