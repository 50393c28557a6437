package io.dispatchapy.admin.seed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dispatchapy.admin.ui.UiFilter;
import io.dispatchapy.model.testing.DatabaseCleaner;
import io.dispatchapy.model.testing.Fixtures;
import io.dispatchapy.model.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The upload on the settings page: dry run, import, CSRF. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class SeedUploadUiTest {
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Inject
    DataSource dataSource;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(dataSource);
    }

    @Test
    void uploadShowsTheDryRunThenImports() throws Exception {
        Path seed = SeedFixture.create(Files.createTempDirectory("seed-upload"), "http://127.0.0.1:9/a",
                "http://127.0.0.1:9/b", "http://127.0.0.1:9/c");
        String cookie = io.dispatchapy.admin.ui.LoginForm.adminCookie("test-secret");
        String settings = given().cookie(UiFilter.COOKIE, cookie).get("/settings").then().statusCode(200)
                .body(containsString("action=\"/settings/import-seed\"")).extract().asString();
        Matcher m = CSRF.matcher(settings);
        assertThat(m.find()).isTrue();
        String csrf = m.group(1);
        Fixtures db = new Fixtures(dataSource);

        given().cookie(UiFilter.COOKIE, cookie).multiPart("file", seed.toFile()).multiPart("_csrf", csrf)
                .multiPart("dryRun", "true").post("/settings/import-seed").then().statusCode(200)
                .body(containsString("Dry run")).body(containsString("Problems found"));
        assertThat(db.count("SELECT count(*) FROM resource")).isZero();

        given().cookie(UiFilter.COOKIE, cookie).multiPart("file", seed.toFile()).multiPart("_csrf", csrf)
                .post("/settings/import-seed").then().statusCode(200).body(containsString("Imported"));
        assertThat(db.count("SELECT count(*) FROM resource")).isPositive();
        assertThat(db.count("SELECT count(*) FROM client")).isPositive();

        long before = db.count("SELECT count(*) FROM resource");
        given().cookie(UiFilter.COOKIE, cookie).multiPart("file", seed.toFile()).multiPart("_csrf", "forged")
                .post("/settings/import-seed").then().statusCode(403);
        assertThat(db.count("SELECT count(*) FROM resource")).isEqualTo(before);
    }
}
