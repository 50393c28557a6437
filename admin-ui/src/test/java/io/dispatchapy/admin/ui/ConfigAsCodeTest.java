package io.dispatchapy.admin.ui;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ConfigAsCodeTest extends UiTestSupport {
    static final String V1 = "/admin/api/v1";

    private String buildAndExport() {
        long r1 = api().body(json("name", "primary", "url", "https://a.example/send", "requiredParams", List.of("to")))
                .post(V1 + "/resources").then().statusCode(201).extract().jsonPath().getLong("id");
        long r2 = api().body(json("name", "backup", "url", "https://b.example/send")).post(V1 + "/resources").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        long e = api().body(json("path", "notify", "requiredParams", List.of("phone"), "resourceIds", List.of(r2, r1)))
                .post(V1 + "/endpoints").then().statusCode(201).extract().jsonPath().getLong("id");
        api().body(
                List.of(json("resourceId", r1, "targetKey", "to", "source", json("type", "field", "value", "phone"))))
                .put(V1 + "/endpoints/" + e + "/mappings").then().statusCode(200);
        api().body(
                List.of(json("conditionParam", "", "conditionValue", "", "targetParam", "phone", "overrideValue", "0")))
                .put(V1 + "/endpoints/" + e + "/dev-rules").then().statusCode(200);
        api().body(json("name", "shop", "endpointIds", List.of(e), "devMode",
                json("holdTasks", true, "rules",
                        List.of(json("endpointId", e, "targetParam", "phone", "overrideValue", "1")))))
                .post(V1 + "/clients").then().statusCode(201);
        api().body(json("smtp", json("password", "hidden", "host", "mail.example"))).put(V1 + "/settings").then()
                .statusCode(200);
        return api().get(V1 + "/config").then().statusCode(200).body("version", equalTo(1))
                .body("resources.name", equalTo(List.of("primary", "backup"))).body("resources[0]", not(hasKey("id")))
                .body("endpoints[0].resources", equalTo(List.of("backup", "primary")))
                .body("endpoints[0].mappings[0].resource", equalTo("primary"))
                .body("endpoints[0].devRules[0].overrideValue", equalTo("0"))
                .body("clients[0].endpoints", equalTo(List.of("notify")))
                .body("clients[0].devMode.rules[0].endpoint", equalTo("notify"))
                .body("clients[0]", not(hasKey("token"))).body("clients[0]", not(hasKey("tokenPrefix")))
                .body("settings.smtp.host", equalTo("mail.example")).body("settings.smtp", not(hasKey("password")))
                .extract().asString();
    }

    @Test
    void exportThenImportIntoAnEmptyDatabaseRecreatesEverything() {
        String doc = buildAndExport();
        cleanDatabase();
        api().body(doc).put(V1 + "/config").then().statusCode(200).body("resourcesCreated", equalTo(2))
                .body("endpointsCreated", equalTo(1)).body("clientsCreated", equalTo(1))
                .body("newClientTokens.shop", startsWith("dpy_"));
        String again = api().get(V1 + "/config").then().extract().asString();
        org.assertj.core.api.Assertions.assertThat(again).isEqualTo(doc);
        // applying it again only updates
        api().body(doc).put(V1 + "/config").then().statusCode(200).body("resourcesUpdated", equalTo(2))
                .body("endpointsUpdated", equalTo(1)).body("clientsUpdated", equalTo(1))
                .body("newClientTokens", equalTo(Map.of()));
    }

    @Test
    void anyProblemIs400WithDetailAndNothingIsApplied() {
        Map<String, Object> doc = json("resources", List.of(json("name", "ok", "url", "https://a.example")),
                "endpoints", List.of(json("path", "x", "resources", List.of("missing"))));
        api().body(doc).put(V1 + "/config").then().statusCode(400).body("detail",
                equalTo("endpoints[0].resources: unknown resource \"missing\""));
        api().get(V1 + "/resources").then().body("size()", equalTo(0));
        api().body(json("resources", List.of(json("name", "ok", "url", "ftp://nope")))).put(V1 + "/config").then()
                .statusCode(400).body("detail", equalTo("resources[0]: url must be an http(s) URL"));
        api().body("[1]").put(V1 + "/config").then().statusCode(400);
    }

    @Test
    void settingsPageExportsAndImports() {
        String doc = buildAndExport();
        Browser b = admin();
        b.get("/settings/export").then().statusCode(200).header("Content-Disposition", containsString("attachment"))
                .body("resources.name", equalTo(List.of("primary", "backup")));
        cleanDatabase();
        b = admin();
        b.post("/settings/import", "config", doc).then().statusCode(200).body(containsString("id=\"import-result\""))
                .body(containsString("shown only once"));
        b.post("/settings/import", "config", "{not json").then().statusCode(400)
                .body(containsString("id=\"config-error\">The configuration is not valid JSON."));
        b.post("/settings/import", "config", "{\"endpoints\":[{\"path\":\"y\",\"resources\":[\"nope\"]}]}").then()
                .statusCode(400).body(containsString("unknown resource"));
    }
}
