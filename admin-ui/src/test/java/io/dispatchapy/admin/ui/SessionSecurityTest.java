package io.dispatchapy.admin.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Cookie;

/** Sign-in CSRF, cookie flags, idle and absolute expiry, logout, and the throttle shared with HTTP Basic. */
@QuarkusTest
class SessionSecurityTest extends UiTestSupport {

    @Test
    void signInWithoutTheFormsCsrfTokenIsRefusedAndStartsNoSession() throws Exception {
        LoginForm.Token t = LoginForm.open();
        given().contentType(ContentType.URLENC).formParam("password", PASSWORD).post("/login").then().statusCode(403)
                .body(containsString("sign-in form has expired"));
        given().cookie(SessionCookies.LOGIN_CSRF, t.cookie()).contentType(ContentType.URLENC)
                .formParam("password", PASSWORD).post("/login").then().statusCode(403);
        given().cookie(SessionCookies.LOGIN_CSRF, t.cookie()).contentType(ContentType.URLENC)
                .formParam("_csrf", "forged").formParam("password", PASSWORD).post("/login").then().statusCode(403);
        given().cookie(SessionCookies.LOGIN_CSRF, "attacker").contentType(ContentType.URLENC)
                .formParam("_csrf", t.field()).formParam("password", PASSWORD).post("/login").then().statusCode(403);
        given().contentType(ContentType.URLENC).formParam("_csrf", t.field()).formParam("token", "dpy_x")
                .post("/client/login").then().statusCode(403);
        assertThat(sessions()).isZero();
        LoginForm.adminCookie(PASSWORD);
        assertThat(sessions()).isOne();
    }

    @Test
    void cookieFlags() {
        var page = given().get("/login");
        Cookie csrf = page.detailedCookie(SessionCookies.LOGIN_CSRF);
        assertThat(csrf.isHttpOnly()).isTrue();
        assertThat(csrf.getSameSite()).isEqualToIgnoringCase("Strict");
        var signedIn = LoginForm.request().header("X-Forwarded-Proto", "https").formParam("password", PASSWORD)
                .post("/login");
        Cookie session = signedIn.detailedCookie(UiFilter.COOKIE);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualToIgnoringCase("Lax");
        assertThat(session.getPath()).isEqualTo("/");
        // plain HTTP and no trusted proxy configured: the forwarded header alone does not make it Secure
        assertThat(session.isSecured()).isFalse();
        assertThat(session.getMaxAge()).isEqualTo(-1); // a browser session cookie; the server decides expiry
    }

    @Test
    void anIdleExpiredSessionIsRefusedByPagesAndTheApi() throws Exception {
        Browser b = admin();
        sql("UPDATE ui_session SET expires_at = now() - interval '1 second'");
        b.get("/tasks").then().statusCode(303).header("Location", endsWith("/login"));
        b.req().get("/admin/api/v1/resources").then().statusCode(401);
    }

    @Test
    void aSessionOlderThanTheAbsoluteLimitIsRefusedEvenWhenActive() throws Exception {
        Browser b = admin();
        b.get("/").then().statusCode(200);
        sql("UPDATE ui_session SET created_at = now() - interval '25 hours', expires_at = now() + interval '1 hour'");
        b.get("/").then().statusCode(303).header("Location", endsWith("/login"));
        b.req().get("/admin/api/v1/resources").then().statusCode(401);
    }

    @Test
    void slidingNeverPassesTheAbsoluteLimit() throws Exception {
        Browser b = admin();
        sql("UPDATE ui_session SET created_at = now() - interval '23 hours 59 minutes', "
                + "last_seen_at = now() - interval '2 minutes'");
        b.get("/").then().statusCode(200);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT expires_at <= created_at + interval '24 hours', "
                        + "expires_at < now() + interval '2 minutes' FROM ui_session")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
            assertThat(rs.getBoolean(2)).isTrue();
        }
    }

    @Test
    void logoutDeletesTheServerSideSessionSoTheOldCookieIsWorthless() throws Exception {
        Browser b = admin();
        var out = b.post("/logout");
        out.then().statusCode(303).header("Location", endsWith("/login"));
        assertThat(out.detailedCookie(UiFilter.COOKIE).getMaxAge()).isZero();
        assertThat(sessions()).isZero();
        b.get("/").then().statusCode(303).header("Location", endsWith("/login"));
        b.req().get("/admin/api/v1/resources").then().statusCode(401);
        b.req().header("X-CSRF-Token", b.csrf()).contentType(ContentType.JSON)
                .body(json("name", "x", "url", "https://x.example")).post("/admin/api/v1/resources").then()
                .statusCode(401);
    }

    @Test
    void httpBasicFailuresAreThrottledPerAddressAndShareTheLimitWithTheForm() {
        Browser b = admin();
        for (int i = 0; i < 5; i++) {
            given().auth().preemptive().basic("admin", "guess" + i).get("/admin/api/v1/resources").then()
                    .statusCode(401);
        }
        given().auth().preemptive().basic("admin", PASSWORD).get("/admin/api/v1/resources").then().statusCode(429)
                .header("Retry-After", not(nullValue())).contentType(ContentType.JSON)
                .body("detail", containsString("Too many failed authentication attempts"));
        LoginForm.request().formParam("password", PASSWORD).post("/login").then().statusCode(429).header("Retry-After",
                not(nullValue()));
        // a session that already exists keeps working
        b.req().get("/admin/api/v1/resources").then().statusCode(200);
        throttle.reset();
        api().get("/admin/api/v1/resources").then().statusCode(200);
    }

    @Test
    void clientTokenGuessesAreThrottledToo() {
        for (int i = 0; i < 5; i++) {
            LoginForm.request().formParam("token", "dpy_guess" + i).post("/client/login").then().statusCode(401);
        }
        LoginForm.request().formParam("token", "dpy_guess").post("/client/login").then().statusCode(429)
                .body(containsString("Too many failed sign-in attempts"));
    }

    @Test
    void aWrongBasicHeaderIsNotRescuedByASessionCookie() {
        Browser b = admin();
        b.req().auth().preemptive().basic("admin", "wrong").get("/admin/api/v1/resources").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Basic realm=\"dispatchapy\""));
    }

    @Test
    void noPageOrApiRouteIsReachableWithoutASession() {
        List<UiRoutes.Route> routes = UiRoutes.all().stream().filter(r -> r.page() != LoginPage.class).toList();
        assertThat(routes).hasSizeGreaterThan(40);
        for (UiRoutes.Route r : routes) {
            var req = given().redirects().follow(false);
            req = r.multipart() ? req.multiPart("x", "1") : req.contentType(ContentType.URLENC).formParam("x", "1");
            req.request(r.method(), r.path()).then().statusCode(303).header("Location", endsWith("/login"));
        }
    }

    private long sessions() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM ui_session")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void sql(String update) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(update);
        }
    }
}
