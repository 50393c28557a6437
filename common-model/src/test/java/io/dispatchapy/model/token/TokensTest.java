package io.dispatchapy.model.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void generatedTokenLooksLikeTheSeeds() {
        String token = Tokens.generate();

        assertThat(token).startsWith("dpy_").hasSize(47);
        assertThat(token.substring(4)).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void tokensDiffer() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            tokens.add(Tokens.generate());
        }
        assertThat(tokens).hasSize(200);
        assertThat(Tokens.generate()).isNotEqualTo(Tokens.generate());
    }

    @Test
    void hashIsStableLowercaseSha256Hex() {
        String token = Tokens.generate();

        assertThat(Tokens.hash(token)).hasSize(64).matches("[0-9a-f]{64}").isEqualTo(Tokens.hash(token));
        assertThat(Tokens.hash(token)).isNotEqualTo(Tokens.hash(Tokens.generate()));
        // known SHA-256 vectors, so a seed token hashes the same everywhere
        assertThat(Tokens.hash("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Tokens.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void visiblePrefixIsTheFirstEightCharacters() {
        assertThat(Tokens.visiblePrefix("dpy_abcdefgh")).isEqualTo("dpy_abcd");
        assertThat(Tokens.visiblePrefix("dpy_")).isEqualTo("dpy_");
        String token = Tokens.generate();
        assertThat(Tokens.visiblePrefix(token)).hasSize(8).startsWith("dpy_");
        assertThat(token).startsWith(Tokens.visiblePrefix(token));
    }
}
