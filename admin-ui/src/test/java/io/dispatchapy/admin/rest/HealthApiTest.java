package io.dispatchapy.admin.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

import io.dispatchapy.model.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/** Manual checks, health history and the SMTP test, against real servers. */
@QuarkusTest
class HealthApiTest extends ApiTestSupport {
    static HttpServer provider;
    static GreenMail smtp;
    static volatile int answer = 200;
    static volatile int posts;

    @BeforeAll
    static void start() throws IOException {
        provider = HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/", exchange -> {
            if ("POST".equals(exchange.getRequestMethod())) {
                posts++;
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        provider.start();
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        smtp.setUser("ops@example.com", "ops", "pw");
    }

    @AfterAll
    static void stop() {
        provider.stop(0);
        smtp.stop();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long httpCheckedResource(String name) {
        long id = createResource(name);
        api().body(Map.of("url", "http://127.0.0.1:" + provider.getAddress().getPort() + "/send", "healthCheck",
                Map.of("enabled", false, "method", "http"))).put(V1 + "/resources/" + id).then().statusCode(200);
        return id;
    }

    @Test
    void manualCheckRunsTheConfiguredMethodStoresAndAnswersTheResult() {
        answer = 500;
        posts = 0;
        long id = httpCheckedResource("manual");
        api().post(V1 + "/resources/" + id + "/check").then().statusCode(200).body("success", equalTo(false))
                .body("statusCode", equalTo(500)).body("method", equalTo("http")).body("status", equalTo("DOWN"))
                .body("statusChanged", equalTo(true));
        answer = 200;
        api().post(V1 + "/resources/" + id + "/check").then().statusCode(200).body("success", equalTo(true))
                .body("status", equalTo("UP"));
        assertThat(posts).isZero(); // no surprise POST with dummy data

        api().get(V1 + "/resources/" + id + "/history?size=1").then().statusCode(200).body("total", equalTo(2))
                .body("items", hasSize(1)).body("items[0].success", equalTo(true))
                .body("items[0].trigger", equalTo("manual")).body("statusChanges", hasSize(2))
                .body("statusChanges[0].reason", equalTo("manual")).body("last24h.checks", equalTo(2))
                .body("last24h.uptimePercent", equalTo(50.0f)).body("last7d.checks", equalTo(2));
        api().get(V1 + "/resources/" + id).then().body("status", equalTo("UP"));
    }

    @Test
    void aSecondManualCheckWhileOneRunsIs409() throws Exception {
        long id = httpCheckedResource("busy");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
            // what a running check holds
            ps.setInt(1, 0x44505943);
            ps.setInt(2, (int) id);
            ps.execute();
            api().post(V1 + "/resources/" + id + "/check").then().statusCode(409).body("detail",
                    containsString("already running"));
            // the pool keeps the connection (and its session lock) alive: release it as a finished check does
            try (PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                unlock.setInt(1, 0x44505943);
                unlock.setInt(2, (int) id);
                unlock.execute();
            }
        }
        api().post(V1 + "/resources/" + id + "/check").then().statusCode(200);
    }

    @Test
    void unknownResourceIs404AndEmptyHistoryHasNoUptime() {
        api().post(V1 + "/resources/999/check").then().statusCode(404);
        api().get(V1 + "/resources/999/history").then().statusCode(404);
        long id = createResource("quiet");
        api().get(V1 + "/resources/" + id + "/history").then().statusCode(200).body("total", equalTo(0))
                .body("last24h.uptimePercent", nullValue());
    }

    @Test
    void smtpTestLogsInAndSendsATestMail() throws Exception {
        Fixtures db = new Fixtures(dataSource);
        db.setting("smtp.password", "pw");
        api().body(Map.of("host", "127.0.0.1", "port", smtp.getSmtp().getPort(), "username", "ops", "from",
                "ops@example.com", "encryption", "none", "to", "me@example.com")).post(V1 + "/settings/smtp/test")
                .then().statusCode(200).body("success", equalTo(true));
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Dispatchapy SMTP test");

        api().body(Map.of("host", "127.0.0.1", "port", smtp.getSmtp().getPort(), "username", "ops", "password", "wrong",
                "from", "ops@example.com", "encryption", "none")).post(V1 + "/settings/smtp/test").then()
                .statusCode(502).body("detail", containsString("SMTP test failed"));
        api().body(Map.of()).post(V1 + "/settings/smtp/test").then().statusCode(400);
    }
}
