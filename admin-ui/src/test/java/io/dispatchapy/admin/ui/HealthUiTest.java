package io.dispatchapy.admin.ui;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthUiTest extends UiTestSupport {

    @Test
    void historyPageShowsChecksChangesAndTheSparklineEscaped() throws Exception {
        Browser b = admin();
        long r = api().body(json("name", "sms", "url", "https://a.example")).post("/admin/api/v1/resources").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        b.get("/resources/" + r + "/history").then().statusCode(200).body(containsString("No checks yet"))
                .body(containsString("No status changes yet"));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO health_check (resource_id, method, success, status_code, latency_ms, detail) "
                    + "VALUES (" + r + ", 'http', true, 200, 40, 'ok'), (" + r
                    + ", 'http', false, 500, 90, '<script>bad()</script>')");
            st.executeUpdate("INSERT INTO resource_status_change (resource_id, from_status, to_status, reason, detail) "
                    + "VALUES (" + r + ", 'UP', 'DOWN', 'active check', '2 failures')");
        }
        b.get("/resources/" + r + "/history").then().statusCode(200).body(containsString("<polyline"))
                .body(containsString("UP → DOWN")).body(containsString("active check"))
                .body(containsString("&lt;script&gt;bad()&lt;/script&gt;")).body(not(containsString("<script>bad")))
                .body(containsString("Run a check now"));
        b.get("/resources/999/history").then().statusCode(404);
    }

    @Test
    void manualCheckShowsItsResultInline() throws IOException {
        HttpServer up = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        up.createContext("/", ex -> {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        up.start();
        try {
            Browser b = admin();
            long r = api()
                    .body(json("name", "local", "url", "http://127.0.0.1:" + up.getAddress().getPort() + "/",
                            "healthCheck", json("enabled", true, "method", "http")))
                    .post("/admin/api/v1/resources").then().statusCode(201).extract().jsonPath().getLong("id");
            b.req().header("HX-Request", "true").contentType(io.restassured.http.ContentType.URLENC)
                    .formParam("_csrf", b.csrf()).post("/resources/" + r + "/check").then().statusCode(200)
                    .body(containsString("check passed")).body(not(containsString("<html")));
            b.post("/resources/" + r + "/check").then().statusCode(303);
            b.get("/resources/" + r + "/history").then().body(containsString("manual"));
            b.get("/").then().body(containsString("hx-post=\"/resources/" + r + "/check\""));
        } finally {
            up.stop(0);
        }
    }

    @Test
    void clientsSeeOnlyTheHealthOfTheirOwnResources() {
        long mine = api().body(json("name", "mine", "url", "https://a.example")).post("/admin/api/v1/resources").then()
                .extract().jsonPath().getLong("id");
        long theirs = api().body(json("name", "theirs", "url", "https://b.example")).post("/admin/api/v1/resources")
                .then().extract().jsonPath().getLong("id");
        long e = api().body(json("path", "p", "resourceIds", List.of(mine))).post("/admin/api/v1/endpoints").then()
                .extract().jsonPath().getLong("id");
        String token = api().body(json("name", "c", "endpointIds", List.of(e))).post("/admin/api/v1/clients").then()
                .extract().jsonPath().getString("token");
        Browser c = client(token);
        c.get("/resources/" + mine + "/history").then().statusCode(200).body(not(containsString("Run a check now")));
        c.get("/resources/" + theirs + "/history").then().statusCode(404);
        c.post("/resources/" + mine + "/check").then().statusCode(303).header("Location", containsString("/login"));
    }
}
