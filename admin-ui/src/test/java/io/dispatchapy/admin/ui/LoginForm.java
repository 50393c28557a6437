package io.dispatchapy.admin.ui;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** What a browser does before signing in: open the sign-in page, keep its CSRF cookie and hidden field. */
public final class LoginForm {
    private static final Pattern FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private LoginForm() {
    }

    /** The CSRF cookie and field of a freshly opened sign-in page. */
    public record Token(String cookie, String field) {
    }

    public static Token open() {
        Response page = given().get("/login");
        page.then().statusCode(200);
        Matcher m = FIELD.matcher(page.asString());
        if (!m.find()) {
            throw new AssertionError("No CSRF field on the sign-in page");
        }
        return new Token(page.cookie(SessionCookies.LOGIN_CSRF), m.group(1));
    }

    /** A sign-in form post, not following the redirect, with the page's CSRF cookie and field. */
    public static RequestSpecification request() {
        Token t = open();
        return given().redirects().follow(false).cookie(SessionCookies.LOGIN_CSRF, t.cookie())
                .contentType(ContentType.URLENC).formParam("_csrf", t.field());
    }

    /** The session cookie of a fresh admin sign-in. */
    public static String adminCookie(String password) {
        return request().formParam("password", password).post("/login").then().statusCode(303).extract()
                .cookie(UiFilter.COOKIE);
    }
}
