package io.dispatchapy.health;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.dispatchapy.model.health.CheckTarget;
import io.dispatchapy.model.health.ProbeResult;
import io.dispatchapy.model.health.ResourceProber;
import io.dispatchapy.model.http.OutboundGuard;
import io.dispatchapy.model.http.OutboundPolicy;
import io.dispatchapy.model.secret.SecretBox;

/** Each check method against real servers. */
class ProberTest {
    static WireMockServer http;
    final ResourceProber prober = new ResourceProber(new ObjectMapper(),
            new OutboundGuard(new OutboundPolicy(false, List.of(), List.of()), new SecretBox(null, List.of())));

    @BeforeAll
    static void start() {
        http = new WireMockServer(wireMockConfig().dynamicPort());
        http.start();
    }

    @AfterAll
    static void stop() {
        http.stop();
    }

    CheckTarget target(String method, String url, String checkUrl, Map<String, Object> testValues) {
        return new CheckTarget(1, "sms", url, method, checkUrl, Map.of("X-Key", "k"), testValues);
    }

    @Test
    void tcpConnectsToHostAndPort() throws Exception {
        try (ServerSocket listener = new ServerSocket(0)) {
            ProbeResult ok = prober
                    .probe(target("tcp", "http://127.0.0.1:" + listener.getLocalPort() + "/x", null, Map.of()));
            assertThat(ok.success()).isTrue();
            assertThat(ok.statusCode()).isNull();
            assertThat(ok.detail()).isEqualTo("tcp:127.0.0.1:" + listener.getLocalPort() + ":connected");
        }
        ProbeResult refused = prober.probe(target("tcp", "http://127.0.0.1:1/x", null, Map.of()));
        assertThat(refused.success()).isFalse();
        assertThat(refused.detail()).startsWith("tcp_error");
    }

    @Test
    void httpIsHealthyOnlyOn2xxAndUsesTheCheckUrl() {
        http.stubFor(get("/health").willReturn(aResponse().withStatus(200).withBody("fine")));
        http.stubFor(get("/broken").willReturn(aResponse().withStatus(500).withBody("boom")));
        http.stubFor(get("/moved").willReturn(aResponse().withStatus(301).withHeader("Location", "/health")));
        String base = "http://127.0.0.1:" + http.port();
        ProbeResult ok = prober.probe(target("http", base + "/send", base + "/health", Map.of()));
        assertThat(ok.success()).isTrue();
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.detail()).isEqualTo("fine");
        ProbeResult bad = prober.probe(target("http", base + "/broken", null, Map.of()));
        assertThat(bad.success()).isFalse();
        assertThat(bad.statusCode()).isEqualTo(500);
        ProbeResult moved = prober.probe(target("http", base + "/moved", null, Map.of()));
        assertThat(moved.success()).isFalse();
        assertThat(moved.statusCode()).isEqualTo(301);
    }

    @Test
    void postSendsTheTemplatedTestValues() {
        http.stubFor(post("/send").willReturn(aResponse().withStatus(202)));
        String url = "http://127.0.0.1:" + http.port() + "/send";
        ProbeResult r = prober.probe(target("post", url, null, Map.of("to", "000", "text",
                "check {resource_name} at {datetime} to {param:to} via {resource_endpoint}")));
        assertThat(r.success()).isTrue();
        http.verify(postRequestedFor(urlEqualTo("/send")).withHeader("X-Key", equalTo("k"))
                .withRequestBody(matchingJsonPath("$.to", equalTo("000")))
                .withRequestBody(matchingJsonPath("$.text", com.github.tomakehurst.wiremock.client.WireMock
                        .matching("check sms at 20\\d\\d-.*Z to 000 via " + java.util.regex.Pattern.quote(url)))));
    }

    @Test
    void badUrlIsAFailedResultNotAnException() {
        ProbeResult r = prober.probe(target("http", "not a url", null, Map.of()));
        assertThat(r.success()).isFalse();
        assertThat(r.detail()).contains("invalid");
    }

    @Test
    void deniedHostIsAFailedCheckAndNothingIsSent() throws Exception {
        ResourceProber strict = new ResourceProber(new ObjectMapper(),
                new OutboundGuard(new OutboundPolicy(true, List.of(), List.of()), new SecretBox(null, List.of())));
        http.stubFor(get("/denied").willReturn(aResponse().withStatus(200)));
        String base = "http://127.0.0.1:" + http.port();
        ProbeResult r = strict.probe(target("http", base + "/denied", null, Map.of()));
        assertThat(r.success()).isFalse();
        assertThat(r.detail()).contains("refused").contains("deny-private-networks");
        http.verify(0, getRequestedFor(urlEqualTo("/denied")));
        try (ServerSocket listener = new ServerSocket(0)) {
            ProbeResult tcp = strict
                    .probe(target("tcp", "http://127.0.0.1:" + listener.getLocalPort() + "/x", null, Map.of()));
            assertThat(tcp.success()).isFalse();
            assertThat(tcp.detail()).contains("deny-private-networks");
        }
    }

    @Test
    void sealedHeaderIsSentInClearAndAnUnreadableOneFailsTheCheck() {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        SecretBox box = new SecretBox(key, List.of());
        ResourceProber withKey = new ResourceProber(new ObjectMapper(),
                new OutboundGuard(new OutboundPolicy(false, List.of(), List.of()), box));
        http.stubFor(get("/secret").willReturn(aResponse().withStatus(200)));
        String url = "http://127.0.0.1:" + http.port() + "/secret";
        CheckTarget t = new CheckTarget(1, "sms", url, "http", null, Map.of("Authorization", box.seal("Bearer s3")),
                Map.of());
        assertThat(withKey.probe(t).success()).isTrue();
        http.verify(getRequestedFor(urlEqualTo("/secret")).withHeader("Authorization", equalTo("Bearer s3")));
        ProbeResult noKey = prober.probe(t);
        assertThat(noKey.success()).isFalse();
        assertThat(noKey.detail()).contains("Header Authorization").contains("not configured");
        http.verify(1, getRequestedFor(urlEqualTo("/secret")));
    }
}
