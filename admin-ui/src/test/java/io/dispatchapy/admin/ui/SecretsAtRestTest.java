package io.dispatchapy.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.dispatchapy.model.secret.SecretBox;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Secret headers, webhook headers and the SMTP password are stored encrypted (the database never holds them in clear)
 * and no answer shows them: resource get/list, config export, the resource form and the settings page.
 */
@QuarkusTest
class SecretsAtRestTest extends UiTestSupport {
    static final String V1 = "/admin/api/v1";
    static final String AUTH = "Bearer sup3r-s3cret";
    static final String HOOK = "hook-s3cret";

    final SecretBox box = new SecretBox(ConfigProvider.getConfig().getValue("dispatchapy.secret.key", String.class),
            List.of());

    @Test
    void secretHeadersAreEncryptedInTheDatabaseAndMaskedInEveryAnswer() throws Exception {
        long id = create();
        String headers = column("SELECT headers::text FROM resource WHERE id = " + id);
        String hooks = column("SELECT webhook_headers::text FROM resource WHERE id = " + id);
        assertThat(headers).doesNotContain("sup3r").contains("enc:v1:").contains("X-Plain").contains("visible");
        assertThat(hooks).doesNotContain(HOOK).contains("enc:v1:");
        assertThat(box.open(stored(id, "headers", "Authorization"))).isEqualTo(AUTH);
        assertThat(box.open(stored(id, "webhook_headers", "X-Hook"))).isEqualTo(HOOK);

        String one = api().get(V1 + "/resources/" + id).then().statusCode(200)
                .body("secretHeaders.Authorization", equalTo(SecretBox.MASK))
                .body("headers.X-Plain", equalTo("visible")).body("headers.Authorization", nullValue())
                .body("notifications.webhook.headers.X-Hook", equalTo(SecretBox.MASK)).extract().asString();
        String list = api().get(V1 + "/resources").then().statusCode(200).extract().asString();
        String export = api().get(V1 + "/config").then().statusCode(200).extract().asString();
        Browser ui = admin();
        String form = ui.get("/resources/edit/" + id).then().statusCode(200).extract().asString();
        String page = ui.get("/resources").then().statusCode(200).extract().asString();
        String settings = ui.get("/settings").then().statusCode(200).extract().asString();
        String uiExport = ui.get("/settings/export").then().statusCode(200).extract().asString();
        for (String answer : List.of(one, list, export, form, page, settings, uiExport)) {
            assertThat(answer).doesNotContain("sup3r").doesNotContain(HOOK).doesNotContain("enc:v1:")
                    .doesNotContain("mail-pw");
        }
        assertThat(form).contains("Authorization: " + SecretBox.MASK);
    }

    @Test
    void theMaskKeepsTheStoredValueANewValueReplacesItNullDeletesIt() throws Exception {
        long id = create();
        String before = stored(id, "headers", "Authorization");
        String hookBefore = stored(id, "webhook_headers", "X-Hook");
        // the answer sent back as it came keeps both secrets
        Map<String, Object> answer = api().get(V1 + "/resources/" + id).then().extract().jsonPath().getMap("");
        api().body(answer).put(V1 + "/resources/" + id).then().statusCode(200);
        assertThat(stored(id, "headers", "Authorization")).isEqualTo(before);
        assertThat(stored(id, "webhook_headers", "X-Hook")).isEqualTo(hookBefore);
        // omitted keeps, a new value replaces
        api().body(Map.of("secretHeaders", Map.of("X-Api-Key", "k2"))).put(V1 + "/resources/" + id).then()
                .statusCode(200).body("secretHeaders.Authorization", equalTo(SecretBox.MASK))
                .body("secretHeaders.X-Api-Key", equalTo(SecretBox.MASK));
        assertThat(stored(id, "headers", "Authorization")).isEqualTo(before);
        assertThat(box.open(stored(id, "headers", "X-Api-Key"))).isEqualTo("k2");
        Map<String, String> delete = new HashMap<>();
        delete.put("Authorization", null);
        api().body(Map.of("secretHeaders", delete)).put(V1 + "/resources/" + id).then().statusCode(200)
                .body("secretHeaders.Authorization", nullValue());
        assertThat(column("SELECT headers::text FROM resource WHERE id = " + id)).doesNotContain("Authorization");
        api().body(Map.of("secretHeaders", Map.of("X-New", SecretBox.MASK))).put(V1 + "/resources/" + id).then()
                .statusCode(400).body("detail", org.hamcrest.Matchers.startsWith("secretHeaders.X-New:"));
    }

    @Test
    void theUiFormKeepsMaskedSecretsAndEncryptsNewOnes() throws Exception {
        long id = create();
        String before = stored(id, "headers", "Authorization");
        Browser ui = admin();
        ui.post("/resources/edit/" + id, "name", "sms", "url", "https://provider.example/send", "method", "POST",
                "bodyFormat", "json", "timeoutMs", "15000", "headers", "X-Plain: visible", "secretHeaders",
                "Authorization: " + SecretBox.MASK + "\nX-Token: t0ken-ui", "hcMethod", "tcp", "hcMin", "60", "hcMax",
                "90", "hcFailureThreshold", "2", "hcSuccessThreshold", "1", "webhookUrl", "https://hooks.example/x",
                "webhookHeaders", "{\"X-Hook\":\"" + SecretBox.MASK + "\"}", "webhookPayload", "{}").then()
                .statusCode(303);
        assertThat(stored(id, "headers", "Authorization")).isEqualTo(before);
        assertThat(box.open(stored(id, "headers", "X-Token"))).isEqualTo("t0ken-ui");
        assertThat(box.open(stored(id, "webhook_headers", "X-Hook"))).isEqualTo(HOOK);
        assertThat(ui.get("/resources/edit/" + id).then().extract().asString()).doesNotContain("t0ken-ui");
    }

    @Test
    void smtpPasswordIsStoredEncryptedAndTheMaskKeepsIt() throws Exception {
        api().body(Map.of("smtp", Map.of("host", "smtp.example", "from", "gw@example.com", "password", "mail-pw")))
                .put(V1 + "/settings").then().statusCode(200).body("smtp.password", nullValue())
                .body("smtp.passwordSet", equalTo(true));
        String stored = column("SELECT value FROM setting WHERE key = 'smtp.password'");
        assertThat(stored).startsWith("enc:v1:").doesNotContain("mail-pw");
        assertThat(box.open(stored)).isEqualTo("mail-pw");
        api().body(Map.of("smtp", Map.of("password", SecretBox.MASK))).put(V1 + "/settings").then().statusCode(200);
        assertThat(column("SELECT value FROM setting WHERE key = 'smtp.password'")).isEqualTo(stored);
        assertThat(api().get(V1 + "/settings").then().extract().asString()).doesNotContain("mail-pw")
                .doesNotContain("enc:v1");
    }

    @Test
    void importingAnExportKeepsTheStoredSecrets() throws Exception {
        long id = create();
        String before = stored(id, "headers", "Authorization");
        String hookBefore = stored(id, "webhook_headers", "X-Hook");
        Map<String, Object> export = api().get(V1 + "/config").then().extract().jsonPath().getMap("");
        api().body(export).put(V1 + "/config").then().statusCode(200);
        assertThat(stored(id, "headers", "Authorization")).isEqualTo(before);
        assertThat(stored(id, "webhook_headers", "X-Hook")).isEqualTo(hookBefore);
    }

    private long create() {
        long id = api()
                .body(json("name", "sms", "url", "https://provider.example/send", "headers",
                        Map.of("X-Plain", "visible"), "secretHeaders", Map.of("Authorization", AUTH), "notifications",
                        Map.of("webhook",
                                Map.of("enabled", true, "url", "https://hooks.example/x", "headers",
                                        Map.of("X-Hook", HOOK)))))
                .post(V1 + "/resources").then().statusCode(201).extract().jsonPath().getLong("id");
        api().body(Map.of("smtp", Map.of("host", "smtp.example", "from", "gw@example.com", "password", "mail-pw")))
                .put(V1 + "/settings").then().statusCode(200);
        return id;
    }

    private String stored(long id, String column, String header) throws Exception {
        return column("SELECT " + column + " ->> '" + header + "' FROM resource WHERE id = " + id);
    }

    private String column(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
