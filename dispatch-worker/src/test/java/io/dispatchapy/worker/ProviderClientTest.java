package io.dispatchapy.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import io.dispatchapy.model.testing.PostgresResource;
import io.dispatchapy.worker.client.ProviderClient;
import io.dispatchapy.worker.client.ProviderRequest;
import io.dispatchapy.worker.client.ProviderResponse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * The delivery client against real HTTP servers: every kind of answer and broken connection is classified, the
 * resource's timeout bounds the whole call, configured headers are checked and cannot replace the task's key, and
 * thousands of calls in parallel all come back (a call whose answer was read before its handlers were set used to wait
 * for its timeout).
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class ProviderClientTest {
    static WireMockServer provider;

    @Inject
    ProviderClient client;
    @Inject
    Vertx vertx;

    @BeforeAll
    static void start() {
        provider = new WireMockServer(wireMockConfig().dynamicPort());
        provider.start();
    }

    @AfterAll
    static void stop() {
        provider.stop();
    }

    @BeforeEach
    void reset() {
        provider.resetAll();
    }

    ProviderResponse send(String path, Map<String, String> headers, Duration timeout) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("to", "+15550100").put("text", "héllo");
        return client.send(new ProviderRequest("http://127.0.0.1:" + provider.port() + path, "POST", "json", headers,
                timeout, body, "42"));
    }

    ProviderResponse send(String path) {
        return send(path, Map.of(), Duration.ofSeconds(5));
    }

    @Test
    void answersAreClassifiedAndALongBodyIsCutToAnExcerpt() {
        provider.stubFor(post("/long").willReturn(aResponse().withStatus(201).withBody("x".repeat(100_000))));
        provider.stubFor(post("/busy").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "7")));
        provider.stubFor(post("/moved").willReturn(aResponse().withStatus(302).withHeader("Location", "/elsewhere")));
        provider.stubFor(
                post("/bad").willReturn(aResponse().withStatus(422).withBody("{\"error\":\"no such phone\"}")));

        ProviderResponse ok = send("/long");
        assertThat(ok.success()).isTrue();
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(ok.detail()).hasSize(2048);

        ProviderResponse busy = send("/busy");
        assertThat(busy.success()).isFalse();
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.retryAfter()).contains(Duration.ofSeconds(7));

        ProviderResponse moved = send("/moved");
        assertThat(moved.success()).isFalse();
        assertThat(moved.detail()).isEqualTo("Redirect not followed (Location: /elsewhere)");

        ProviderResponse bad = send("/bad");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.detail()).isEqualTo("{\"error\":\"no such phone\"}");
        assertThat(bad.retryAfter()).isEqualTo(Optional.empty());
    }

    @Test
    void brokenConnectionsAreFailuresWithoutAStatusAndDoNotWaitForTheTimeout() {
        for (Fault fault : List.of(Fault.CONNECTION_RESET_BY_PEER, Fault.EMPTY_RESPONSE, Fault.MALFORMED_RESPONSE_CHUNK,
                Fault.RANDOM_DATA_THEN_CLOSE)) {
            provider.stubFor(post("/broken").willReturn(aResponse().withFault(fault)));
            long t0 = System.nanoTime();
            ProviderResponse r = send("/broken", Map.of(), Duration.ofSeconds(20));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.success()).as(fault.name()).isFalse();
            assertThat(r.statusCode()).as(fault.name()).isNull();
            assertThat(r.detail()).as(fault.name()).isNotBlank().doesNotStartWith("Timed out");
            assertThat(ms).as(fault.name() + " took " + ms + " ms").isLessThan(10_000);
        }
    }

    @Test
    void theResourceTimeoutBoundsAnAnswerThatTrickles() {
        // headers at once, then the body in 5 pieces over 4 s: each piece comes well within the timeout
        provider.stubFor(post("/trickle")
                .willReturn(aResponse().withStatus(200).withBody("0123456789").withChunkedDribbleDelay(5, 4000)));
        long t0 = System.nanoTime();
        ProviderResponse r = send("/trickle", Map.of(), Duration.ofMillis(1500));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.success()).isFalse();
        assertThat(r.statusCode()).isNull();
        assertThat(r.detail()).isEqualTo("Timed out after 1500 ms");
        assertThat(ms).isBetween(1400L, 3500L);
    }

    @Test
    void configuredHeadersReplaceTheDefaultsButNeverTheTaskKey() {
        provider.stubFor(post("/h").willReturn(aResponse().withStatus(200)));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/vnd.provider+json");
        headers.put("Idempotency-Key", "forged");
        headers.put("X-Api-Key", "k-1");
        assertThat(send("/h", headers, Duration.ofSeconds(5)).success()).isTrue();

        var received = provider.findAll(postRequestedFor(urlEqualTo("/h"))).get(0);
        assertThat(received.getHeaders().getHeader("Content-Type").values())
                .containsExactly("application/vnd.provider+json");
        assertThat(received.getHeaders().getHeader("Idempotency-Key").values()).containsExactly("42");
        assertThat(received.getHeader("X-Api-Key")).isEqualTo("k-1");
        assertThat(received.getHeader("User-Agent")).isEqualTo("Dispatchapy");
        assertThat(received.getBodyAsString()).isEqualTo("{\"to\":\"+15550100\",\"text\":\"héllo\"}");
    }

    @Test
    void aHeaderThatCouldEndTheHeaderBlockIsRefusedAndNothingIsSent() {
        provider.stubFor(post("/h").willReturn(aResponse().withStatus(200)));
        ProviderResponse badValue = send("/h", Map.of("X-Note", "a\r\nX-Injected: 1"), Duration.ofSeconds(5));
        ProviderResponse badName = send("/h", Map.of("X Note", "a"), Duration.ofSeconds(5));
        assertThat(badValue.success()).isFalse();
        assertThat(badValue.detail()).isEqualTo("Invalid request: invalid header value for X-Note");
        assertThat(badName.detail()).isEqualTo("Invalid request: invalid header name \"X Note\"");
        provider.verify(0, postRequestedFor(urlEqualTo("/h")).withHeader("X-Injected", equalTo("1")));
        assertThat(provider.findAll(postRequestedFor(urlEqualTo("/h")))).isEmpty();
    }

    @Test
    void thousandsOfCallsInParallelAllComeBack() throws Exception {
        AtomicInteger served = new AtomicInteger();
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            served.incrementAndGet();
            req.response().putHeader("Content-Type", "application/json").end("{\"ok\":true}");
        }));
        int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<List<ProviderResponse>>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                results.add(threads.submit(() -> {
                    List<ProviderResponse> mine = new ArrayList<>();
                    for (int i = 0; i < 750; i++) {
                        mine.add(client.send(new ProviderRequest("http://127.0.0.1:" + port + "/fast", "POST", "json",
                                Map.of(), Duration.ofSeconds(10), JsonNodeFactory.instance.objectNode().put("i", i),
                                String.valueOf(i))));
                    }
                    return mine;
                }));
            }
            List<ProviderResponse> all = new ArrayList<>();
            for (Future<List<ProviderResponse>> f : results) {
                all.addAll(f.get(5, TimeUnit.MINUTES));
            }
            assertThat(all).hasSize(12_000);
            assertThat(all).filteredOn(r -> !r.success()).isEmpty();
            assertThat(all).allMatch(r -> "{\"ok\":true}".equals(r.detail()));
            assertThat(served.get()).isEqualTo(12_000);
        } finally {
            threads.shutdownNow();
            server.close();
        }
    }
}
