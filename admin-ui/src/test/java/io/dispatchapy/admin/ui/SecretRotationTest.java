package io.dispatchapy.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dispatchapy.model.secret.SecretBox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Rotation: values sealed with the old key (now DISPATCHAPY_SECRET_KEY_PREVIOUS) are re-encrypted with the new key, so
 * that afterwards the new key alone reads every one of them.
 */
@QuarkusTest
@TestProfile(SecretRotationTest.Rotating.class)
class SecretRotationTest extends UiTestSupport {
    static final String OLD = Base64.getEncoder().encodeToString(new byte[32]);
    static final String NEW = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    public static class Rotating implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.dispatchapy.secret.key", NEW, "dispatchapy.secret.key", NEW,
                    "dispatchapy.secret.key-previous", OLD);
        }
    }

    @Test
    void rotationReencryptsEverySecretWithTheNewKey() throws Exception {
        SecretBox old = new SecretBox(OLD, List.of());
        long id = api()
                .body(json("name", "sms", "url", "https://provider.example/send", "headers", Map.of("X-Plain", "p")))
                .post("/admin/api/v1/resources").then().statusCode(201).extract().jsonPath().getLong("id");
        exec("UPDATE resource SET headers = jsonb_build_object('X-Plain', 'p', 'Authorization', ?::text),"
                + " webhook_headers = jsonb_build_object('X-Hook', ?::text, 'X-Legacy', 'clear') WHERE id = " + id,
                old.seal("Bearer a"), old.seal("h"));
        exec("INSERT INTO setting (key, value) VALUES ('smtp.password', ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", old.seal("pw"));

        api().post("/admin/api/v1/secrets/rotate").then().statusCode(200).body("reencrypted", equalTo(4))
                .body("alreadyCurrent", equalTo(0)).body("failed.size()", equalTo(0));
        SecretBox onlyNew = new SecretBox(NEW, List.of());
        assertThat(onlyNew.open(value("SELECT headers ->> 'Authorization' FROM resource"))).isEqualTo("Bearer a");
        assertThat(value("SELECT headers ->> 'X-Plain' FROM resource")).isEqualTo("p");
        assertThat(onlyNew.open(value("SELECT webhook_headers ->> 'X-Hook' FROM resource"))).isEqualTo("h");
        String legacy = value("SELECT webhook_headers ->> 'X-Legacy' FROM resource");
        assertThat(legacy).startsWith("enc:v1:");
        assertThat(onlyNew.open(legacy)).isEqualTo("clear");
        assertThat(onlyNew.open(value("SELECT value FROM setting WHERE key = 'smtp.password'"))).isEqualTo("pw");
        // a second run has nothing left to do
        api().post("/admin/api/v1/secrets/rotate").then().statusCode(200).body("reencrypted", equalTo(0))
                .body("alreadyCurrent", equalTo(4));
    }

    private void exec(String sql, String... args) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    private String value(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
