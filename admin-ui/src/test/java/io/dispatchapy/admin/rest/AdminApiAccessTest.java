package io.dispatchapy.admin.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every admin API route, found by reflection over the rest package, answers 401 without valid credentials. */
@QuarkusTest
class AdminApiAccessTest extends ApiTestSupport {

    @Test
    void everyRouteNeedsCredentials() throws Exception {
        List<String[]> routes = routes();
        assertThat(routes).hasSizeGreaterThan(25);
        for (String[] r : routes) {
            given().contentType(ContentType.JSON).body("{}").request(r[0], r[1]).then().statusCode(401).body("detail",
                    equalTo("Authentication required"));
            given().auth().preemptive().basic("admin", "wrong").contentType(ContentType.JSON).body("{}")
                    .request(r[0], r[1]).then().statusCode(401);
            given().header("Authorization", "Bearer test-secret").contentType(ContentType.JSON).body("{}")
                    .request(r[0], r[1]).then().statusCode(401);
            throttle.reset(); // two failures per route; the throttle itself is SessionSecurityTest's subject
        }
        assertThat(count()).isZero();
        given().get("/admin/api/v1/nope").then().statusCode(401);
        given().get("/admin/api/").then().statusCode(401);
    }

    private long count() throws Exception {
        try (var c = dataSource.getConnection(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT (SELECT count(*) FROM resource) + (SELECT count(*) FROM client) "
                        + "+ (SELECT count(*) FROM audit_log)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String[]> routes() throws Exception {
        List<String[]> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("target/classes/io/dispatchapy/admin/rest"))) {
            for (Path f : files.map(Path::getFileName).sorted().toList()) {
                String name = f.toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> c = Class.forName("io.dispatchapy.admin.rest." + name.replace(".class", ""));
                jakarta.ws.rs.Path base = c.getAnnotation(jakarta.ws.rs.Path.class);
                if (base == null) {
                    continue;
                }
                for (Method m : c.getDeclaredMethods()) {
                    String verb = m.isAnnotationPresent(GET.class) ? "GET"
                            : m.isAnnotationPresent(POST.class) ? "POST" : m.isAnnotationPresent(PUT.class) ? "PUT"
                                    : m.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
                    if (verb == null) {
                        continue;
                    }
                    jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                    String path = (base.value() + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/")
                            .replaceAll("\\{[^}]+}", "1").replaceAll("/$", "");
                    out.add(new String[] { verb, path });
                }
            }
        }
        return out;
    }
}
