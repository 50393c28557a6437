package io.dispatchapy.admin.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dispatchapy.model.entity.Client;
import io.dispatchapy.model.token.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The client API's rate-limit field and token rotation with a grace period. */
@QuarkusTest
class ClientLimitsApiTest extends ApiTestSupport {

    @Test
    void rateLimitIsSetKeptValidatedAndReset() {
        long id = api().body(Map.of("name", "shop", "rateLimit", Map.of("perSecond", 5, "burst", 20)))
                .post(V1 + "/clients").then().statusCode(201).body("rateLimit.perSecond", equalTo(5))
                .body("rateLimit.burst", equalTo(20)).extract().jsonPath().getLong("id");
        // absent: kept
        api().body(Map.of("description", "x")).put(V1 + "/clients/" + id).then().statusCode(200)
                .body("rateLimit.perSecond", equalTo(5)).body("rateLimit.burst", equalTo(20));
        // 0 = unlimited, burst back to the default
        api().body(Map.of("rateLimit", Map.of("perSecond", 0))).put(V1 + "/clients/" + id).then().statusCode(200)
                .body("rateLimit.perSecond", equalTo(0)).body("rateLimit.burst", nullValue());
        api().body(Map.of("rateLimit", Map.of("perSecond", -1))).put(V1 + "/clients/" + id).then().statusCode(400)
                .body("detail", equalTo("rateLimit.perSecond must be between 0 and 1000000"));
        api().body(Map.of("rateLimit", Map.of("perSecond", 3, "burst", 0))).put(V1 + "/clients/" + id).then()
                .statusCode(400).body("detail", equalTo("rateLimit.burst must be between 1 and 1000000"));
        api().body(Map.of("rateLimit", Map.of("perSecond", "many"))).put(V1 + "/clients/" + id).then().statusCode(400);
        // an empty object: the gateway's defaults
        api().body(Map.of("rateLimit", Map.of())).put(V1 + "/clients/" + id).then().statusCode(200)
                .body("rateLimit.perSecond", nullValue()).body("rateLimit.burst", nullValue());
        assertThat(client(id).rateLimitPerSecond).isNull();
    }

    @Test
    void rotationWithoutGraceDropsTheOldTokenAtOnce() {
        long id = createClient("shop");
        api().post(V1 + "/clients/" + id + "/token").then().statusCode(200).body("$",
                not(hasKey("previousTokenValidUntil")));
        assertThat(client(id).previousTokenHash).isNull();
        api().get(V1 + "/clients/" + id).then().body("$", not(hasKey("previousToken")));
    }

    @Test
    void rotationWithGraceKeepsThePreviousTokenUntilItEnds() {
        long id = createClient("shop");
        String firstHash = client(id).tokenHash;
        String firstPrefix = client(id).tokenPrefix;
        Instant before = Instant.now();
        String second = api().post(V1 + "/clients/" + id + "/token?graceSeconds=3600").then().statusCode(200)
                .body("previousTokenValidUntil", notNullValue()).extract().jsonPath().getString("token");
        Client c = client(id);
        assertThat(c.tokenHash).isEqualTo(Tokens.hash(second));
        assertThat(c.previousTokenHash).isEqualTo(firstHash);
        assertThat(c.previousTokenExpiresAt).isBetween(before.plus(Duration.ofMinutes(59)),
                Instant.now().plus(Duration.ofMinutes(61)));
        api().get(V1 + "/clients/" + id).then().body("previousToken.tokenPrefix", equalTo(firstPrefix))
                .body("previousToken.validUntil", notNullValue()).body("$", not(hasKey("token")));
        String list = api().get(V1 + "/clients").then().extract().asString();
        assertThat(list).doesNotContain(firstHash).doesNotContain(second);

        // a second rotation (grace in the JSON body) replaces the previous token with the second one
        String third = api().body(Map.of("graceSeconds", 60)).post(V1 + "/clients/" + id + "/token").then()
                .statusCode(200).extract().jsonPath().getString("token");
        c = client(id);
        assertThat(c.previousTokenHash).isEqualTo(Tokens.hash(second));
        assertThat(c.tokenHash).isEqualTo(Tokens.hash(third));
        // and one without grace ends it
        api().post(V1 + "/clients/" + id + "/token").then().statusCode(200);
        assertThat(client(id).previousTokenHash).isNull();
    }

    @Test
    void graceIsBounded() {
        long id = createClient("shop");
        String hash = client(id).tokenHash;
        api().post(V1 + "/clients/" + id + "/token?graceSeconds=604801").then().statusCode(400).body("detail",
                equalTo("graceSeconds must be between 0 and 604800"));
        api().post(V1 + "/clients/" + id + "/token?graceSeconds=-5").then().statusCode(400);
        api().body("[1]").post(V1 + "/clients/" + id + "/token").then().statusCode(400);
        api().body(Map.of("graceSeconds", "soon")).post(V1 + "/clients/" + id + "/token").then().statusCode(400);
        api().post(V1 + "/clients/" + id + "/token?graceSeconds=abc").then().statusCode(400).body("detail",
                equalTo("graceSeconds must be a whole number of seconds"));
        assertThat(client(id).tokenHash).isEqualTo(hash);
        api().post(V1 + "/clients/" + id + "/token?graceSeconds=604800").then().statusCode(200);
        api().post(V1 + "/clients/99/token?graceSeconds=60").then().statusCode(404);
    }

    @Test
    void expiredPreviousTokenIsNotShown() {
        long id = createClient("shop");
        api().post(V1 + "/clients/" + id + "/token?graceSeconds=60").then().statusCode(200);
        QuarkusTransaction.requiringNew()
                .run(() -> Client.<Client> findById(id).previousTokenExpiresAt = Instant.now().minusSeconds(1));
        api().get(V1 + "/clients/" + id).then().body("$", not(hasKey("previousToken")));
    }

    private static Client client(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Client.<Client> findById(id));
    }
}
