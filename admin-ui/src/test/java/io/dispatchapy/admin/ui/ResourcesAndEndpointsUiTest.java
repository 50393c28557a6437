package io.dispatchapy.admin.ui;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ResourcesAndEndpointsUiTest extends UiTestSupport {

    @Test
    void resourceListHasAnEmptyStateThenTheCreatedResource() {
        Browser b = admin();
        b.get("/resources").then().statusCode(200).body(containsString("No resources yet"));
        b.get("/resources/new").then().statusCode(200).body(containsString("name=\"url\""));
        b.post("/resources/new", "name", "sms-primary", "url", "https://provider.example/send", "method", "PUT",
                "bodyFormat", "form", "timeoutMs", "5000", "active", "on", "requiredParams", "to\ntext", "headers",
                "Authorization: Bearer abc").then().statusCode(303)
                .header("Location", containsString("/resources?notice=created"));
        b.get("/resources?notice=created").then().statusCode(200).body(containsString("sms-primary"))
                .body(containsString("Created.")).body(not(containsString("No resources yet")));
        api().get("/admin/api/v1/resources").then().body("[0].method", equalTo("PUT"))
                .body("[0].bodyFormat", equalTo("form")).body("[0].timeoutMs", equalTo(5000))
                .body("[0].requiredParams", equalTo(List.of("to", "text")))
                .body("[0].headers.Authorization", equalTo("Bearer abc"));
    }

    @Test
    void validationErrorsAreShownNextToTheFieldWithTheTypedValuesKept() {
        Browser b = admin();
        b.post("/resources/new", "name", "r1", "url", "not a url", "timeoutMs", "1").then().statusCode(400)
                .contentType(ContentType.HTML).body(containsString("id=\"url-error\">url must be an http(s) URL"))
                .body(containsString("value=\"r1\""));
        b.post("/resources/new", "name", "", "url", "https://a.example").then().statusCode(400)
                .body(containsString("id=\"name-error\">name is required"));
        b.post("/resources/new", "name", "r1", "url", "https://a.example", "timeoutMs", "soon").then().statusCode(400)
                .body(containsString("Must be a whole number"));
        b.post("/resources/new", "name", "r1", "url", "https://a.example").then().statusCode(303);
        b.post("/resources/new", "name", "r1", "url", "https://b.example").then().statusCode(400)
                .body(containsString("id=\"name-error\">A resource named &#39;r1&#39; already exists"));
    }

    @Test
    void namesAreEscapedEverywhere() {
        Browser b = admin();
        b.post("/resources/new", "name", "<script>alert(1)</script>", "url", "https://a.example", "active", "on").then()
                .statusCode(303);
        long id = api().get("/admin/api/v1/resources").then().extract().jsonPath().getLong("[0].id");
        for (String page : List.of("/resources", "/resources/edit/" + id, "/", "/endpoints/new")) {
            b.get(page).then().statusCode(200).body(not(containsString("<script>alert(1)</script>")))
                    .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"));
        }
    }

    @Test
    void toggleDuplicateAndDeleteAResource() {
        Browser b = admin();
        b.post("/resources/new", "name", "r1", "url", "https://a.example", "active", "on").then().statusCode(303);
        long id = api().get("/admin/api/v1/resources").then().extract().jsonPath().getLong("[0].id");
        b.post("/resources/toggle/" + id).then().statusCode(303);
        api().get("/admin/api/v1/resources/" + id).then().body("active", equalTo(false));
        b.post("/resources/duplicate/" + id).then().statusCode(303);
        b.post("/resources/duplicate/" + id).then().statusCode(303);
        api().get("/admin/api/v1/resources").then().body("name", equalTo(List.of("r1", "r1 copy", "r1 copy 2")));
        b.post("/resources/delete/" + id).then().statusCode(303);
        b.get("/resources/edit/" + id).then().statusCode(404).contentType(ContentType.HTML)
                .body(containsString("Resource " + id + " not found"));
    }

    @Test
    void formsWithoutTheCsrfTokenAreRejected() {
        Browser b = admin();
        b.req().contentType(ContentType.URLENC).formParam("name", "x").formParam("url", "https://a.example")
                .post("/resources/new").then().statusCode(403).body(containsString("CSRF"));
        b.req().contentType(ContentType.URLENC).formParam("_csrf", "wrong").formParam("name", "x")
                .formParam("url", "https://a.example").post("/resources/new").then().statusCode(403);
        api().get("/admin/api/v1/resources").then().body("size()", equalTo(0));
        // another session's token does not work either
        Browser other = admin();
        b.req().contentType(ContentType.URLENC).formParam("_csrf", other.csrf()).formParam("name", "x")
                .formParam("url", "https://a.example").post("/resources/new").then().statusCode(403);
    }

    @Test
    void endpointsAreCreatedWithTheirFailoverOrderAndEdited() {
        Browser b = admin();
        b.get("/endpoints").then().statusCode(200).body(containsString("create your first resource"));
        long r1 = api().body(json("name", "a", "url", "https://a.example")).post("/admin/api/v1/resources").then()
                .extract().jsonPath().getLong("id");
        long r2 = api().body(json("name", "b", "url", "https://b.example")).post("/admin/api/v1/resources").then()
                .extract().jsonPath().getLong("id");
        b.get("/endpoints/new").then().statusCode(200).body(containsString("value=\"" + r1 + "\""))
                .body(containsString("ref\nscope"));
        String location = b.post("/endpoints/new", "path", " send sms ", "description", "SMS", "requiredParams",
                "ref\nscope\nphone", "active", "on", "resourceIds", List.of(String.valueOf(r2), String.valueOf(r1)))
                .then().statusCode(303).extract().header("Location");
        long id = api().get("/admin/api/v1/endpoints").then().body("[0].path", equalTo("send_sms"))
                .body("[0].resourceIds", equalTo(List.of((int) r2, (int) r1))).extract().jsonPath().getLong("[0].id");
        org.assertj.core.api.Assertions.assertThat(location).endsWith("/endpoints/" + id + "/rules?notice=created");
        b.get("/endpoints").then().statusCode(200).body(containsString("/api/send_sms")).body(containsString("b → a"));
        long client = api().body(json("name", "shop")).post("/admin/api/v1/clients").then().extract().jsonPath()
                .getLong("id");
        b.post("/endpoints/edit/" + id, "path", "send_sms", "requiredParams", "phone", "active", "on", "resourceIds",
                List.of(String.valueOf(r1)), "clientIds", String.valueOf(client)).then().statusCode(303);
        api().get("/admin/api/v1/clients/" + client).then().body("endpointIds", equalTo(List.of((int) id)));
        b.get("/endpoints/edit/" + id).then()
                .body(containsString("name=\"clientIds\" value=\"" + client + "\" checked"));
        api().get("/admin/api/v1/endpoints/" + id).then().body("resourceIds", equalTo(List.of((int) r1)))
                .body("requiredParams", equalTo(List.of("phone")));
        b.post("/endpoints/new", "path", "send_sms", "requiredParams", "x").then().statusCode(400)
                .body(containsString("id=\"path-error\">An endpoint with path &#39;send_sms&#39; already exists"));
        b.post("/endpoints/new", "path", "other", "requiredParams", "").then().statusCode(400)
                .body(containsString("id=\"requiredParams-error\">Add at least one required parameter"));
        b.post("/endpoints/" + id + "/toggle_active").then().statusCode(303);
        api().get("/admin/api/v1/endpoints/" + id).then().body("active", equalTo(false));
        b.post("/endpoints/duplicate/" + id).then().statusCode(303);
        api().get("/admin/api/v1/endpoints").then().body("path", equalTo(List.of("send_sms", "send_sms_copy")));
        b.post("/endpoints/delete/" + id).then().statusCode(303);
        b.get("/endpoints/edit/" + id).then().statusCode(404);
    }

    @Test
    void rulesPageSavesMappingsAndDevRulesAndPreviewsThePayload() {
        Browser b = admin();
        long r = api().body(json("name", "sms", "url", "https://a.example", "requiredParams", List.of("to", "text")))
                .post("/admin/api/v1/resources").then().extract().jsonPath().getLong("id");
        long e = api().body(json("path", "send", "requiredParams", List.of("phone", "msg"), "resourceIds", List.of(r)))
                .post("/admin/api/v1/endpoints").then().extract().jsonPath().getLong("id");
        b.get("/endpoints/" + e + "/rules").then().statusCode(200).body(containsString("<code>to</code>"))
                .body(containsString("<code>text</code>"));
        String rs = String.valueOf(r);
        b.post("/endpoints/" + e + "/rules", "m_resource", List.of(rs, rs, rs), "m_target", List.of("to", "text", ""),
                "m_type", List.of("field", "template", ""), "m_value", List.of("phone", "Hi <b>{msg}</b>", ""),
                "devMode", "on", "devRules", "on", "d_cparam", List.of(""), "d_cvalue", List.of(""), "d_target",
                List.of("phone"), "d_override", List.of("000")).then().statusCode(303);
        api().get("/admin/api/v1/endpoints/" + e + "/mappings").then().body("targetKey", equalTo(List.of("to", "text")))
                .body("[1].source.value", equalTo("Hi <b>{msg}</b>"));
        api().get("/admin/api/v1/endpoints/" + e + "/dev-rules").then().body("[0].overrideValue", equalTo("000"));
        b.post("/endpoints/" + e + "/rules/preview", "sample", "{\"phone\":\"+49\",\"msg\":\"yo\"}").then()
                .statusCode(200).body(containsString("&quot;to&quot; : &quot;000&quot;"))
                .body(containsString("Hi &lt;b&gt;yo&lt;/b&gt;"));
        b.post("/endpoints/" + e + "/rules/preview", "sample", "[1]").then().statusCode(200)
                .body(containsString("The sample payload must be a JSON object."));
        b.post("/endpoints/" + e + "/rules", "devMode", "on").then().statusCode(400)
                .body(containsString("id=\"devMode-error\""));
        b.post("/endpoints/" + e + "/rules", "devRules", "on", "d_cparam", List.of(""), "d_cvalue", List.of(""),
                "d_target", List.of("phone"), "d_override", List.of("")).then().statusCode(400)
                .body(containsString("Dev rule 1: enter the value to set"));
        b.get("/endpoints/999/rules").then().statusCode(404);
    }
}
