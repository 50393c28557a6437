package io.dispatchapy.admin.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.Cookie;

/**
 * An operator who puts a TLS proxy in front and tells Quarkus to trust it: HTTPS is recognised from
 * {@code X-Forwarded-Proto} (Secure cookies), each client address from {@code X-Forwarded-For} (per-address limits and
 * the audit log), and the global limit stops guessing spread over many addresses.
 */
@QuarkusTest
@TestProfile(BehindAProxyTest.TrustedProxy.class)
class BehindAProxyTest extends UiTestSupport {

    public static class TrustedProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.allow-x-forwarded",
                    "true", "dispatchapy.ui.login-max-failures-per-ip", "2", "dispatchapy.ui.login-max-failures-global",
                    "5");
        }
    }

    @Test
    void cookiesAreSecureWhenTheTrustedProxySaysHttps() {
        LoginForm.Token t = LoginForm.open();
        var r = given().redirects().follow(false).header("X-Forwarded-Proto", "https")
                .cookie(SessionCookies.LOGIN_CSRF, t.cookie()).contentType("application/x-www-form-urlencoded")
                .formParam("_csrf", t.field()).formParam("password", PASSWORD).post("/login");
        r.then().statusCode(303);
        Cookie session = r.detailedCookie(UiFilter.COOKIE);
        assertThat(session.isSecured()).isTrue();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(given().header("X-Forwarded-Proto", "https").get("/login").detailedCookie(SessionCookies.LOGIN_CSRF)
                .isSecured()).isTrue();
        assertThat(LoginForm.request().formParam("password", PASSWORD).post("/login").detailedCookie(UiFilter.COOKIE)
                .isSecured()).isFalse();
    }

    @Test
    void perAddressAndGlobalLimitsCountTheForwardedAddress() {
        fail("10.0.0.1");
        fail("10.0.0.1");
        login("10.0.0.1", "test-secret").then().statusCode(429);
        login("10.0.0.2", "test-secret").then().statusCode(303); // another address is not blocked by the first
        fail("10.0.0.3");
        fail("10.0.0.4");
        fail("10.0.0.5"); // five failures in total, over four addresses
        login("10.0.0.6", "test-secret").then().statusCode(429)
                .body(containsString("Too many failed sign-in attempts"));
        given().header("X-Forwarded-For", "10.0.0.7").auth().preemptive().basic("admin", PASSWORD)
                .get("/admin/api/v1/resources").then().statusCode(429);
    }

    @Test
    void theAuditLogRecordsTheForwardedAddress() {
        throttle.reset();
        given().header("X-Forwarded-For", "203.0.113.9").auth().preemptive().basic("admin", PASSWORD)
                .contentType("application/json").body(json("name", "r", "url", "https://r.example/"))
                .post("/admin/api/v1/resources").then().statusCode(201);
        api().get("/admin/api/v1/audit").then().body("items[0].ip", equalTo("203.0.113.9")).body("items[0].source",
                equalTo("api"));
    }

    private static void fail(String ip) {
        login(ip, "wrong").then().statusCode(401);
    }

    private static io.restassured.response.Response login(String ip, String password) {
        return LoginForm.request().header("X-Forwarded-For", ip).formParam("password", password).post("/login");
    }
}
