package io.dispatchapy.model.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

class OutboundPolicyTest {

    @Test
    void defaultAllowsEverything() {
        OutboundPolicy open = new OutboundPolicy(false, List.of(), List.of());
        assertThat(open.restricts()).isFalse();
        assertThat(open.refusal("http://127.0.0.1:1/x")).isEmpty();
        open.check(URI.create("http://169.254.169.254/latest/meta-data"));
    }

    @Test
    void denyPrivateNetworksRefusesLoopbackPrivateLinkLocalAndMetadata() {
        OutboundPolicy p = new OutboundPolicy(true, List.of(), List.of());
        for (String url : List.of("http://127.0.0.1/x", "http://10.1.2.3/", "http://172.16.0.1/", "http://192.168.1.1/",
                "http://169.254.169.254/latest", "http://[::1]/", "http://[fd00::1]/", "http://[fe80::1]/",
                "http://0.0.0.0/", "http://224.0.0.1/", "http://[::ffff:10.0.0.1]/", "http://localhost/")) {
            assertThat(p.refusal(url)).as(url)
                    .hasValueSatisfying(r -> assertThat(r).contains("refused").contains("deny-private-networks"));
        }
        assertThat(p.refusal("http://203.0.113.10/x")).isEmpty();
        assertThat(p.refusal("http://8.8.8.8/x")).isEmpty();
        assertThatThrownBy(() -> p.check(URI.create("http://127.0.0.1:9/x")))
                .isInstanceOf(OutboundDeniedException.class).hasMessageContaining("127.0.0.1");
    }

    @Test
    void allowListWinsOverPrivateAndDenyListWinsOverAll() {
        OutboundPolicy p = new OutboundPolicy(true, List.of("127.0.0.1/32", ".example.com"),
                List.of("bad.example.com", "10.0.0.0/8"));
        assertThat(p.refusal("http://127.0.0.1:8080/x")).isEmpty();
        assertThat(p.refusal("http://bad.example.com/")).hasValueSatisfying(r -> assertThat(r).contains("deny-hosts"));
        assertThat(p.refusal("http://10.2.3.4/")).hasValueSatisfying(r -> assertThat(r).contains("'10.0.0.0/8'"));
        assertThat(p.refusal("http://203.0.113.10/")).hasValueSatisfying(r -> assertThat(r).contains("allow-hosts"));
    }

    @Test
    void unresolvableHostIsJudgedByNameWhenSavedAndRefusedWhenSent() {
        OutboundPolicy p = new OutboundPolicy(true, List.of(), List.of());
        assertThat(p.refusal("http://nothing.invalid/x")).isEmpty();
        assertThatThrownBy(() -> p.check(URI.create("http://nothing.invalid/x"))).hasMessageContaining("resolve");
    }

    @Test
    void privateRanges() throws Exception {
        assertThat(OutboundPolicy.isPrivate(InetAddress.getByName("100.64.0.1"))).isTrue();
        assertThat(OutboundPolicy.isPrivate(InetAddress.getByName("172.32.0.1"))).isFalse();
        assertThat(OutboundPolicy.isPrivate(InetAddress.getByName("2001:db8::1"))).isFalse();
    }
}
