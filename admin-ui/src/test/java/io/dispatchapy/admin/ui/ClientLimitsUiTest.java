package io.dispatchapy.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The client form's rate-limit fields and the rotate form's grace choice. */
@QuarkusTest
class ClientLimitsUiTest extends UiTestSupport {
    private static final Pattern TOKEN = Pattern.compile("id=\"token\">(dpy_[^<]+)<");

    @Test
    void rateLimitFieldsAreSavedAndValidated() {
        Browser b = admin();
        b.get("/clients/new").then().statusCode(200).body(containsString("name=\"ratePerSecond\""))
                .body(containsString("name=\"rateBurst\""));
        b.post("/clients/new", "name", "shop", "ratePerSecond", "10", "rateBurst", "25").then().statusCode(200);
        long id = api().get("/admin/api/v1/clients").then().body("[0].rateLimit.perSecond", equalTo(10))
                .body("[0].rateLimit.burst", equalTo(25)).extract().jsonPath().getLong("[0].id");
        b.get("/clients/edit/" + id).then().body(containsString("value=\"10\"")).body(containsString("value=\"25\""));
        b.post("/clients/edit/" + id, "name", "shop", "ratePerSecond", "lots").then().statusCode(400)
                .body(containsString("Rate limit and burst must be whole numbers"));
        b.post("/clients/edit/" + id, "name", "shop", "ratePerSecond", "-3").then().statusCode(400)
                .body(containsString("rateLimit.perSecond must be between 0 and 1000000"));
        b.post("/clients/edit/" + id, "name", "shop", "ratePerSecond", "", "rateBurst", "").then().statusCode(303);
        api().get("/admin/api/v1/clients/" + id).then().body("rateLimit.perSecond", nullValue()).body("rateLimit.burst",
                nullValue());
    }

    @Test
    void rotationWithGraceShowsUntilWhenThePreviousTokenWorks() {
        Browser b = admin();
        b.post("/clients/new", "name", "shop").then().statusCode(200);
        long id = api().get("/admin/api/v1/clients").then().extract().jsonPath().getLong("[0].id");
        b.get("/clients").then().body(containsString("name=\"graceSeconds\"")).body(containsString("value=\"86400\""));
        String html = b.post("/clients/token/" + id, "graceSeconds", "3600").then().statusCode(200).extract()
                .asString();
        assertThat(html).contains("The previous token keeps working until");
        Matcher m = TOKEN.matcher(html);
        assertThat(m.find()).isTrue();
        b.get("/clients").then().body(containsString("previous token")).body(containsString("valid until"));
        b.get("/clients/edit/" + id).then().body(containsString("id=\"previous-token\""));
        // without grace: the previous token ends at once
        b.post("/clients/token/" + id, "graceSeconds", "0").then().statusCode(200)
                .body(containsString("The previous token no longer works"));
        b.get("/clients/edit/" + id).then().body(not(containsString("id=\"previous-token\"")));
        b.post("/clients/token/" + id, "graceSeconds", "999999999").then().statusCode(400);
    }
}
