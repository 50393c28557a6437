package io.dispatchapy.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class SecretMaskerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode mask(String json) throws Exception {
        return SecretMasker.mask(JSON.readTree(json.replace('\'', '"')));
    }

    @Test
    void secretLookingKeysAreMaskedAtAnyDepthAndOtherValuesStay() throws Exception {
        JsonNode m = mask("{'name':'r','headers':{'Authorization':'Bearer abc','X-Api-Key':'k1','Accept':'json'},"
                + "'smtp':{'password':'p','passwordSet':true,'host':'h'},'token':'dpy_x','clientSecret':7,"
                + "'nested':[{'access_token':{'a':'b','n':[1,2]}}],'cookie':null,'X-Key':'xk','targetKey':'to'}");
        assertThat(m.toString()).doesNotContain("Bearer abc", "k1", "\"p\"", "dpy_x", "\"b\"", ":7");
        assertThat(m.at("/headers/Accept").asText()).isEqualTo("json");
        assertThat(m.at("/headers/Authorization").asText()).isEqualTo("***");
        assertThat(m.at("/smtp/passwordSet").asBoolean()).isTrue();
        assertThat(m.at("/smtp/host").asText()).isEqualTo("h");
        assertThat(m.at("/nested/0/access_token/n/1").asText()).isEqualTo("***");
        assertThat(m.get("cookie").isNull()).isTrue();
        assertThat(m.get("X-Key").asText()).isEqualTo("***");
        assertThat(m.get("targetKey").asText()).isEqualTo("to");
    }

    @Test
    void secretHeadersAndWebhookHeadersAreMaskedWhateverTheirNames() throws Exception {
        JsonNode m = mask("{'headers':{'X-Account':'acc-1','Accept':'json'},'secretHeaders':['x-account'],"
                + "'webhookHeaders':{'X-Plain':'w1'},'notifications':{'webhook':{'url':'u','headers':{'X-Sig':'w2'}}},"
                + "'other':{'secretHeaders':{'X-Other':'w3'}}}");
        assertThat(m.toString()).doesNotContain("acc-1", "w1", "w2", "w3");
        assertThat(m.at("/secretHeaders/0").asText()).isEqualTo("x-account");
        assertThat(m.at("/headers/Accept").asText()).isEqualTo("json");
        assertThat(m.at("/notifications/webhook/url").asText()).isEqualTo("u");
    }

    @Test
    void theInputIsNotChanged() throws Exception {
        JsonNode in = JSON.readTree("{\"password\":\"p\"}");
        SecretMasker.mask(in);
        assertThat(in.get("password").asText()).isEqualTo("p");
        assertThat(SecretMasker.mask(null)).isNull();
    }
}
