package io.dispatchapy.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Without DISPATCHAPY_SECRET_KEY nothing secret can be saved (a clear 400 / field error) while everything else works;
 * with {@code deny-private-networks} URLs of internal hosts are refused when saved, naming the rule.
 */
@QuarkusTest
@TestProfile(RestrictedModeTest.NoKeyDenyPrivate.class)
class RestrictedModeTest extends UiTestSupport {
    static final String V1 = "/admin/api/v1";

    public static class NoKeyDenyPrivate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.dispatchapy.secret.key", "", "dispatchapy.secret.key", "",
                    "dispatchapy.outbound.deny-private-networks", "true", "dispatchapy.outbound.deny-hosts",
                    "blocked.example");
        }
    }

    @Test
    void savingASecretWithoutAKeyIsAClear400AndPlainDataStillSaves() {
        api().body(json("name", "sms", "url", "https://203.0.113.10/send", "secretHeaders",
                Map.of("Authorization", "Bearer x"))).post(V1 + "/resources").then().statusCode(400)
                .body("detail", containsString("secretHeaders.Authorization"))
                .body("detail", containsString("DISPATCHAPY_SECRET_KEY"));
        api().body(json("name", "sms", "url", "https://203.0.113.10/send", "notifications",
                Map.of("webhook", Map.of("url", "https://203.0.113.11/hook", "headers", Map.of("X-Hook", "h")))))
                .post(V1 + "/resources").then().statusCode(400)
                .body("detail", containsString("DISPATCHAPY_SECRET_KEY"));
        api().body(Map.of("smtp", Map.of("password", "pw"))).put(V1 + "/settings").then().statusCode(400)
                .body("detail", containsString("smtp.password"))
                .body("detail", containsString("DISPATCHAPY_SECRET_KEY"));
        api().body(json("name", "sms", "url", "https://203.0.113.10/send", "headers", Map.of("X-Plain", "p")))
                .post(V1 + "/resources").then().statusCode(201);
        api().post(V1 + "/secrets/rotate").then().statusCode(400).body("detail",
                containsString("DISPATCHAPY_SECRET_KEY"));
    }

    @Test
    void theUiShowsTheMissingKeyOnTheField() {
        String html = admin()
                .post("/resources/new", "name", "sms", "url", "https://203.0.113.10/send", "method", "POST",
                        "bodyFormat", "json", "timeoutMs", "15000", "secretHeaders", "Authorization: Bearer x",
                        "hcMethod", "tcp", "hcMin", "60", "hcMax", "90", "hcFailureThreshold", "2",
                        "hcSuccessThreshold", "1", "webhookHeaders", "{}", "webhookPayload", "{}")
                .then().statusCode(400).extract().asString();
        // the error sits on the secret headers field; the form keeps what the admin typed so it can be saved later
        assertThat(html).contains("<p class=\"field-error\">secretHeaders.Authorization: cannot be stored because no"
                + " encryption key is configured; set DISPATCHAPY_SECRET_KEY");
    }

    @Test
    void internalUrlsAreRefusedWhenSavedNamingTheRule() {
        api().body(json("name", "local", "url", "http://127.0.0.1:8080/send")).post(V1 + "/resources").then()
                .statusCode(400).body("detail", equalTo("url: Outbound call to 127.0.0.1 refused: it resolves to"
                        + " 127.0.0.1, a private/loopback/link-local address (dispatchapy.outbound.deny-private-networks)"));
        api().body(json("name", "meta", "url", "https://203.0.113.10/send", "healthCheck",
                Map.of("url", "http://169.254.169.254/latest/meta-data"))).post(V1 + "/resources").then()
                .statusCode(400).body("detail", containsString("healthCheck.url: Outbound call to 169.254.169.254"));
        api().body(json("name", "hook", "url", "https://203.0.113.10/send", "notifications",
                Map.of("webhook", Map.of("url", "http://10.0.0.5/hook")))).post(V1 + "/resources").then()
                .statusCode(400).body("detail", containsString("notifications.webhook.url: Outbound call to 10.0.0.5"));
        api().body(json("name", "blocked", "url", "https://blocked.example/send")).post(V1 + "/resources").then()
                .statusCode(400).body("detail", containsString("deny-hosts entry 'blocked.example'"));
        String html = admin().post("/resources/new", "name", "local", "url", "http://127.0.0.1:8080/send", "method",
                "POST", "bodyFormat", "json", "timeoutMs", "15000", "hcMethod", "tcp", "hcMin", "60", "hcMax", "90",
                "hcFailureThreshold", "2", "hcSuccessThreshold", "1", "webhookHeaders", "{}", "webhookPayload", "{}")
                .then().statusCode(400).extract().asString();
        assertThat(html).contains("deny-private-networks");
    }
}
