package io.dispatchapy.admin.ui;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import io.dispatchapy.model.testing.DatabaseCleaner;
import io.dispatchapy.model.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Shared set-up of the UI tests: a clean database, no login throttling left over, signed-in browsers. */
@QuarkusTestResource(PostgresResource.class)
abstract class UiTestSupport {
    static final String PASSWORD = "test-secret";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Inject
    DataSource dataSource;
    @Inject
    LoginThrottle throttle;

    @BeforeEach
    void cleanDatabase() {
        DatabaseCleaner.clean(dataSource);
        throttle.reset();
    }

    /** A signed-in browser: its session cookie and the CSRF token of its session. */
    record Browser(String cookie, String csrf) {
        RequestSpecification req() {
            return given().redirects().follow(false).cookie(UiFilter.COOKIE, cookie);
        }

        Response get(String path) {
            return req().get(path);
        }

        /** Posts a form with the session's CSRF token added. */
        Response post(String path, Object... fields) {
            RequestSpecification r = req().contentType(ContentType.URLENC).formParam("_csrf", csrf);
            for (int i = 0; i < fields.length; i += 2) {
                Object v = fields[i + 1];
                if (v instanceof List<?> list) {
                    r = r.formParam((String) fields[i], list.toArray());
                } else {
                    r = r.formParam((String) fields[i], v);
                }
            }
            return r.post(path);
        }
    }

    static Browser admin() {
        return withCsrf(LoginForm.adminCookie(PASSWORD));
    }

    static Browser client(String token) {
        String cookie = LoginForm.request().formParam("token", token).post("/client/login").then().statusCode(303)
                .extract().cookie(UiFilter.COOKIE);
        return withCsrf(cookie);
    }

    private static Browser withCsrf(String cookie) {
        String html = given().cookie(UiFilter.COOKIE, cookie).get("/").then().statusCode(200).extract().asString();
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("No CSRF token on the dashboard");
        }
        return new Browser(cookie, m.group(1));
    }

    static Map<String, Object> json(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static RequestSpecification api() {
        return given().auth().preemptive().basic("admin", PASSWORD).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }
}
