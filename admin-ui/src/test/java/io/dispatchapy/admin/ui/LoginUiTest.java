package io.dispatchapy.admin.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Cookie;

@QuarkusTest
class LoginUiTest extends UiTestSupport {

    @Test
    void loginPageHasBothForms() {
        given().get("/login").then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString("name=\"password\"")).body(containsString("action=\"/client/login\""))
                .body(containsString("name=\"token\""))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Frame-Options", equalTo("DENY")).header("Cache-Control", equalTo("no-store"));
        given().redirects().follow(false).get("/client/login").then().statusCode(303).header("Location",
                containsString("/login"));
    }

    @Test
    void theCookieIsARandomSessionIdNeverThePassword() throws Exception {
        var response = LoginForm.request().formParam("password", PASSWORD).post("/login");
        response.then().statusCode(303).header("Location", containsString("/"));
        Cookie cookie = response.detailedCookie(UiFilter.COOKIE);
        assertThat(cookie.getValue()).isNotEqualTo(PASSWORD).hasSizeGreaterThan(40);
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualToIgnoringCase("Lax");
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.isSecured()).isFalse(); // plain http in tests; https sets Secure
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id_hash, kind FROM ui_session")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(SessionStore.hash(cookie.getValue())).isNotEqualTo(cookie.getValue());
            assertThat(rs.getString(2)).isEqualTo("admin");
        }
        given().cookie(UiFilter.COOKIE, cookie.getValue()).get("/").then().statusCode(200)
                .body(containsString("Dashboard")).body(containsString("Logout (Admin)"));
    }

    @Test
    void wrongPasswordIsRejectedWithTheLoginPage() {
        LoginForm.request().formParam("password", "nope").post("/login").then().statusCode(401)
                .contentType(ContentType.HTML).body(containsString("Invalid password. Please try again."))
                .header("Set-Cookie", equalTo(null));
        LoginForm.request().formParam("token", "dpy_nope").post("/client/login").then().statusCode(401)
                .body(containsString("Invalid token."));
    }

    @Test
    void repeatedFailuresAreThrottledEvenWithTheRightPassword() {
        for (int i = 0; i < 5; i++) {
            LoginForm.request().formParam("password", "guess" + i).post("/login").then().statusCode(401);
        }
        LoginForm.request().formParam("password", PASSWORD).post("/login").then().statusCode(429)
                .header("Retry-After", not(equalTo(null)))
                .body(containsString("Too many failed sign-in attempts. Try again in"));
        throttle.reset();
        admin();
    }

    @Test
    void logoutEndsTheSessionOnTheServer() {
        Browser b = admin();
        b.post("/logout").then().statusCode(303).header("Location", containsString("/login"));
        b.get("/").then().statusCode(303).header("Location", containsString("/login"));
    }

    @Test
    void signingInAgainEndsThePreviousSessionOfThatBrowser() {
        Browser first = admin();
        String second = LoginForm.request().cookie(UiFilter.COOKIE, first.cookie()).formParam("password", PASSWORD)
                .post("/login").then().statusCode(303).extract().cookie(UiFilter.COOKIE);
        assertThat(second).isNotEqualTo(first.cookie());
        first.get("/").then().statusCode(303);
        given().redirects().follow(false).cookie(UiFilter.COOKIE, second).get("/").then().statusCode(200);
    }

    @Test
    void logoutWithoutCsrfTokenIsRefused() {
        Browser b = admin();
        b.req().contentType(ContentType.URLENC).post("/logout").then().statusCode(403).contentType(ContentType.HTML)
                .body(containsString("CSRF"));
        b.get("/").then().statusCode(200);
    }

    @Test
    void expiredSessionsAreRefused() throws Exception {
        Browser b = admin();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE ui_session SET expires_at = now() - interval '1 second'");
        }
        b.get("/").then().statusCode(303).header("Location", containsString("/login"));
    }

    @Test
    void adminApiAcceptsTheSessionCookieAndNeedsTheCsrfHeaderToChangeThings() {
        Browser b = admin();
        b.req().get("/admin/api/v1/resources").then().statusCode(200);
        b.req().contentType(ContentType.JSON).body(json("name", "r1", "url", "https://x.example/a"))
                .post("/admin/api/v1/resources").then().statusCode(403).body("detail", containsString("CSRF"));
        b.req().header("X-CSRF-Token", b.csrf()).contentType(ContentType.JSON)
                .body(json("name", "r1", "url", "https://x.example/a")).post("/admin/api/v1/resources").then()
                .statusCode(201);
        given().cookie(UiFilter.COOKIE, "forged").get("/admin/api/v1/resources").then().statusCode(401);
    }
}
