package io.dispatchapy.admin.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.dispatchapy.model.secret.SecretBox;
import io.dispatchapy.model.settings.SettingsStore;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SettingsApiTest extends ApiTestSupport {
    @Inject
    SettingsStore store;
    @Inject
    SecretBox box;

    @Test
    void answersTheDefaults() {
        api().get(V1 + "/settings").then().statusCode(200).body("maxAttempts", equalTo(5))
                .body("retryDelayMinSeconds", equalTo(1)).body("retryDelayMaxSeconds", equalTo(300))
                .body("taskRetentionDays", nullValue()).body("smtp.host", nullValue()).body("smtp.port", equalTo(587))
                .body("smtp.password", nullValue()).body("smtp.passwordSet", equalTo(false))
                .body("smtp.encryption", equalTo("starttls"));
    }

    @Test
    void partialUpdatesKeepTheRestAndThePasswordIsWriteOnly() {
        api().body(Map.of("maxAttempts", 7, "taskRetentionDays", 30, "smtp",
                Map.of("host", "smtp.example", "port", 465, "username", "ops", "password", "s3cret", "from",
                        "gw@example", "encryption", "ssl")))
                .put(V1 + "/settings").then().statusCode(200).body("maxAttempts", equalTo(7))
                .body("retryDelayMaxSeconds", equalTo(300)).body("taskRetentionDays", equalTo(30))
                .body("smtp.host", equalTo("smtp.example")).body("smtp.port", equalTo(465))
                .body("smtp.password", nullValue()).body("smtp.passwordSet", equalTo(true))
                .body("smtp.encryption", equalTo("ssl"));
        // stored encrypted
        String stored = store.all().get("smtp.password");
        assertThat(stored).startsWith("enc:v1:").doesNotContain("s3cret");
        assertThat(box.open(stored)).isEqualTo("s3cret");
        assertThat(store.all()).containsEntry("maxAttempts", "7").containsEntry("taskRetentionDays", "30")
                .containsEntry("smtp.from", "gw@example");

        api().body("{\"retryDelayMinSeconds\": 10, \"smtp\": {\"host\": \"mx.example\"}}").put(V1 + "/settings").then()
                .statusCode(200).body("maxAttempts", equalTo(7)).body("retryDelayMinSeconds", equalTo(10))
                .body("smtp.host", equalTo("mx.example")).body("smtp.username", equalTo("ops"))
                .body("smtp.passwordSet", equalTo(true));
        assertThat(store.all()).containsEntry("smtp.password", stored);

        api().body("{\"taskRetentionDays\": null, \"smtp\": {\"password\": \"\"}}").put(V1 + "/settings").then()
                .statusCode(200).body("taskRetentionDays", nullValue()).body("smtp.passwordSet", equalTo(false))
                .body("smtp.host", equalTo("mx.example"));
        assertThat(store.all().get("smtp.password")).isNull();
        assertThat(store.all().get("taskRetentionDays")).isNull();
    }

    @Test
    void rejectsBadValues() {
        bad("{\"maxAttempts\": 0}", "maxAttempts must be between 1 and 100");
        bad("{\"maxAttempts\": 101}", "maxAttempts must be between 1 and 100");
        bad("{\"maxAttempts\": \"many\"}", "maxAttempts must be an integer");
        bad("{\"retryDelayMinSeconds\": -1}", "retryDelayMinSeconds must be >= 0");
        bad("{\"retryDelayMinSeconds\": 50, \"retryDelayMaxSeconds\": 10}",
                "retryDelayMaxSeconds must be >= retryDelayMinSeconds");
        bad("{\"taskRetentionDays\": 0}", "taskRetentionDays must be >= 1");
        bad("{\"smtp\": {\"port\": 70000}}", "smtp.port must be between 1 and 65535");
        bad("{\"smtp\": {\"encryption\": \"tls\"}}", "smtp.encryption must be starttls, ssl or none");
        bad("[1]", "The body must be a JSON object");
        bad("{\"maxAttempts\": ", "Malformed JSON body");
        api().get(V1 + "/settings").then().body("maxAttempts", equalTo(5)).body("smtp.port", equalTo(587));
    }

    private static void bad(String body, String detail) {
        api().body(body).put(V1 + "/settings").then().statusCode(400).body("detail", equalTo(detail));
    }

    @Test
    void alertSwitchesAndHealthRetentionAreSettings() {
        api().get(V1 + "/settings").then().statusCode(200)
                .body("alerts.taskFailed", org.hamcrest.Matchers.equalTo(false))
                .body("alerts.failover", org.hamcrest.Matchers.equalTo(false))
                .body("healthRetentionDays", org.hamcrest.Matchers.equalTo(30));
        api().body(java.util.Map.of("alerts", java.util.Map.of("failover", true), "healthRetentionDays", 7))
                .put(V1 + "/settings").then().statusCode(200)
                .body("alerts.failover", org.hamcrest.Matchers.equalTo(true))
                .body("alerts.taskFailed", org.hamcrest.Matchers.equalTo(false))
                .body("healthRetentionDays", org.hamcrest.Matchers.equalTo(7));
        api().body(java.util.Map.of("alerts", java.util.Map.of("taskFailed", "yes"))).put(V1 + "/settings").then()
                .statusCode(400).body("detail", org.hamcrest.Matchers.containsString("alerts.taskFailed"));
        api().body(java.util.Map.of("healthRetentionDays", 0)).put(V1 + "/settings").then().statusCode(400);
    }
}
