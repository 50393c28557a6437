package io.dispatchapy.model.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointPathsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = { "sms|sms", "\"  sms  \"|sms", "/sms|sms", "///sms|sms",
            "\" /sms \"|sms", "send sms|send_sms", "\"send  two\"|send__two", "v1/send sms|v1/send_sms",
            "/v1/sms/|v1/sms/", "\"/ a\"|_a" })
    void normalizes(String in, String expected) {
        assertThat(EndpointPaths.normalize(in)).isEqualTo(expected);
    }

    @Test
    void nullAndBlankBecomeEmpty() {
        assertThat(EndpointPaths.normalize(null)).isEmpty();
        assertThat(EndpointPaths.normalize("   ")).isEmpty();
        assertThat(EndpointPaths.normalize("///")).isEmpty();
    }

    @Test
    void copySuffixOfADuplicateIsNormalizedToo() {
        // the seed's duplicate created "x copy" (SPEC 9.3.5); through normalize it cannot
        assertThat(EndpointPaths.normalize("x copy")).isEqualTo("x_copy").doesNotContain(" ");
    }
}
