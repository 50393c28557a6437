package io.dispatchapy.model.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SecretBoxTest {
    static String newKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    final String key = newKey();
    final SecretBox box = new SecretBox(key, List.of());

    @Test
    void sealsWithARandomIvAndOpensAgain() {
        String a = box.seal("Bearer top-secret");
        String b = box.seal("Bearer top-secret");
        assertThat(a).startsWith("enc:v1:" + box.currentKeyId().orElseThrow() + ":").doesNotContain("top-secret");
        assertThat(a).isNotEqualTo(b);
        assertThat(box.open(a)).isEqualTo("Bearer top-secret");
        assertThat(box.open(b)).isEqualTo("Bearer top-secret");
        assertThat(box.sealedWithCurrent(a)).isTrue();
    }

    @Test
    void clearValuesStoredBeforeEncryptionComeBackAsTheyAre() {
        assertThat(box.open("plain")).isEqualTo("plain");
        assertThat(new SecretBox(null, List.of()).open("plain")).isEqualTo("plain");
    }

    @Test
    void previousKeysStillOpenAndResealMovesToTheCurrentKey() {
        String old = box.seal("s3");
        String next = newKey();
        SecretBox rotated = new SecretBox(next, List.of(key));
        assertThat(rotated.open(old)).isEqualTo("s3");
        assertThat(rotated.sealedWithCurrent(old)).isFalse();
        String fresh = rotated.reseal(old);
        assertThat(rotated.sealedWithCurrent(fresh)).isTrue();
        SecretBox onlyNew = new SecretBox(next, List.of());
        assertThat(onlyNew.open(fresh)).isEqualTo("s3");
    }

    @Test
    void missingOrWrongKeyIsAClearErrorNeverTheCiphertext() {
        String sealed = box.seal("s3");
        assertThatThrownBy(() -> new SecretBox(newKey(), List.of()).open(sealed)).isInstanceOf(SecretException.class)
                .hasMessageContaining("not configured").hasMessageContaining("DISPATCHAPY_SECRET_KEY");
        assertThatThrownBy(() -> new SecretBox(null, List.of()).seal("x")).isInstanceOf(SecretException.class)
                .hasMessageContaining("DISPATCHAPY_SECRET_KEY");
        String tampered = sealed.substring(0, sealed.length() - 6) + "AAAAA=";
        assertThatThrownBy(() -> box.open(tampered)).isInstanceOf(SecretException.class)
                .hasMessageContaining("could not be decrypted");
        assertThatThrownBy(() -> box.openAll(Map.of("Authorization", tampered)))
                .hasMessageStartingWith("Header Authorization:");
    }

    @Test
    void badKeysAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> new SecretBox("not base64 !!", List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DISPATCHAPY_SECRET_KEY").hasMessageNotContaining("not base64 !!");
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new SecretBox(short16, List.of())).hasMessageContaining("16 bytes")
                .hasMessageContaining("32");
        assertThatThrownBy(() -> new SecretBox(key, List.of(short16))).hasMessageContaining("_PREVIOUS");
    }
}
