package io.dispatchapy.admin.seed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dispatchapy.model.secret.SecretBox;
import io.dispatchapy.model.testing.DatabaseCleaner;
import io.dispatchapy.model.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The import through the admin API: dry run, real run, second run; the quirks of the seed in the report. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class SeedImportTest {
    static final String ROUTE = "/admin/api/v1/import/seed";
    static final List<String> TABLES = List.of("resource", "endpoint", "endpoint_resource", "mapping_rule", "dev_rule",
            "client", "client_endpoint", "setting", "task", "task_attempt", "task_event");

    @Inject
    SecretBox box;
    @Inject
    DataSource dataSource;

    Path seed;

    @BeforeEach
    void setUp() throws Exception {
        DatabaseCleaner.clean(dataSource);
        seed = SeedFixture.create(Files.createTempDirectory("seed"), "http://127.0.0.1:1/primary",
                "http://127.0.0.1:1/backup", "http://127.0.0.1:1/mail");
    }

    @Test
    void dryRunReportsEveryQuirkAndWritesNothing() throws Exception {
        List<String> before = dump();
        Response r = upload(true, true);
        r.then().statusCode(200).body("dryRun", equalTo(true)).body("changed", equalTo(true))
                .body("counts.resources.created", equalTo(3)).body("counts.endpoints.created", equalTo(3))
                .body("counts.clients.created", equalTo(4)).body("counts.tasks.created", equalTo(5))
                .body("counts.'endpoint resource links'.created", equalTo(4))
                .body("counts.'parameter rules'.created", equalTo(4))
                .body("counts.'_raw-only mappings'.created", equalTo(2));
        List<String> problems = r.jsonPath().getList("problems.message");
        assertThat(problems).anyMatch(m -> m.startsWith("is_active is NULL"))
                .anyMatch(m -> m.startsWith("healthy is NULL")).anyMatch(m -> m.startsWith("dev_hold_tasks is NULL"))
                .anyMatch(m -> m.startsWith("column headers is not valid JSON"))
                .anyMatch(m -> m.startsWith("duplicate link of endpoint 'send_sms' to resource 'sms-primary'"))
                .anyMatch(m -> m.startsWith("duplicate link of client 'shop' to endpoint 'send_sms'"))
                .anyMatch(m -> m.startsWith("orphan link: resource 99"))
                .anyMatch(m -> m.startsWith("orphan link: endpoint 77"))
                .anyMatch(m -> m.startsWith("orphan link: client 99")).anyMatch(m -> m.startsWith("orphan rule"))
                .anyMatch(m -> m.startsWith("another client is named 'shop'; imported as 'shop (seed #2)'"))
                .anyMatch(m -> m.startsWith("path '/legacy path' is imported as 'legacy_path'"))
                .anyMatch(m -> m.startsWith("a second rule for target key 'text'"))
                .anyMatch(m -> m.contains("max 100 s is below min 300 s"))
                .anyMatch(m -> m.startsWith("task without a JSON object payload"))
                .anyMatch(m -> m.startsWith("legacy endpoint_id 42 points to no endpoint"))
                .anyMatch(m -> m.contains("belong to tasks that no longer exist"));
        assertThat(dump()).isEqualTo(before);
        // without parameters the route only plans
        admin().body(Files.readAllBytes(seed)).post(ROUTE).then().statusCode(200).body("dryRun", equalTo(true))
                .body("withTasks", equalTo(false)).body("counts.tasks.skipped", equalTo(6));
        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void importsOnceAndASecondRunChangesNothing() throws Exception {
        upload(false, true).then().statusCode(200).body("dryRun", equalTo(false)).body("changed", equalTo(true))
                .body("settings.find { it.key == 'maxAttempts' }.to", equalTo("3"));
        List<String> afterFirst = dump();
        assertThat(afterFirst).anyMatch(row -> row.startsWith("client:") && row.contains("shop (seed #2)"));
        assertThat(query("SELECT key || '=' || coalesce(value, '') FROM setting")).contains("maxAttempts=3",
                "retryDelayMinSeconds=2", "retryDelayMaxSeconds=2", "taskRetentionDays=14", "smtp.host=smtp.example",
                "smtp.port=465", "smtp.username=ops", "smtp.from=gw@example.com", "smtp.encryption=ssl");
        // secrets are imported encrypted: the SMTP password, every webhook header, secret-looking resource headers
        String password = query("SELECT value FROM setting WHERE key = 'smtp.password'").get(0);
        assertThat(password).startsWith("enc:v1:");
        assertThat(box.open(password)).isEqualTo("pw");
        String auth = query("SELECT headers ->> 'Authorization' FROM resource WHERE name = 'sms-primary'").get(0);
        assertThat(auth).startsWith("enc:v1:");
        assertThat(box.open(auth)).isEqualTo("Bearer k1");
        String hook = query("SELECT webhook_headers ->> 'X-Key' FROM resource WHERE name = 'sms-primary'").get(0);
        assertThat(box.open(hook)).isEqualTo("w");
        assertThat(query("SELECT r.name FROM endpoint_resource er JOIN resource r ON r.id = er.resource_id"
                + " JOIN endpoint e ON e.id = er.endpoint_id WHERE e.path = 'send_sms' ORDER BY er.position"))
                        .containsExactly("sms-primary", "sms-backup");
        assertThat(query("SELECT status || '/' || attempts || '/' || max_attempts FROM task ORDER BY created_at, id"))
                .containsExactlyInAnyOrder("success/1/5", "pending/2/5", "held/0/5", "failed/0/5", "failed/3/5");
        assertThat(query("SELECT status_code || ':' || detail FROM task_attempt WHERE status_code IS NOT NULL"))
                .containsExactlyInAnyOrder("200:{\"ok\": true}", "503:503 Server Error");
        // naive UTC times of the seed keep their instant; the import marker comes first
        assertThat(query("SELECT to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') || ' '"
                + " || e.message FROM task t JOIN task_event e ON e.task_id = t.id WHERE t.ref = 'o-1' ORDER BY e.id"))
                        .hasSize(3).element(0).asString()
                        .startsWith("2025-06-01 07:59:00.000 Imported from the original"
                                + " Dispatchapy (task #1, status success)");
        assertThat(query("SELECT to_char(e.created_at AT TIME ZONE 'UTC', 'HH24:MI:SS') || ' ' || e.message"
                + " FROM task t JOIN task_event e ON e.task_id = t.id WHERE t.ref = 'o-1' ORDER BY e.id"))
                        .endsWith("08:00:01 Attempt 1/5 task [1] via 'sms-primary'", "08:00:02 Task Succeeded");
        assertThat(query("SELECT to_char(finished_at AT TIME ZONE 'UTC', 'HH24:MI:SS.MS') FROM task WHERE ref = 'o-1'"))
                .containsExactly("08:00:00.500");

        Response second = upload(false, true);
        second.then().statusCode(200).body("changed", equalTo(false)).body("counts.clients.existing", equalTo(4))
                .body("counts.tasks.existing", equalTo(5));
        assertThat(dump()).isEqualTo(afterFirst);
    }

    @Test
    void refusesWhatIsNotASeedDatabase() throws Exception {
        admin().body("definitely not sqlite".getBytes()).post(ROUTE).then().statusCode(400).body("detail",
                containsString("not a SQLite database of the original Dispatchapy"));
        admin().body(new byte[0]).post(ROUTE).then().statusCode(400).body("detail", containsString("empty"));
        given().contentType("application/octet-stream").body(Files.readAllBytes(seed)).post(ROUTE).then()
                .statusCode(401);
    }

    Response upload(boolean dryRun, boolean withTasks) throws Exception {
        return admin().queryParam("dryRun", dryRun).queryParam("withTasks", withTasks).body(Files.readAllBytes(seed))
                .post(ROUTE);
    }

    static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", "test-secret").contentType("application/octet-stream")
                .accept("application/json");
    }

    /** Every row of our tables as text (ids included), in a stable order. */
    List<String> dump() throws SQLException {
        List<String> rows = new ArrayList<>();
        for (String table : TABLES) {
            query("SELECT '" + table + ":' || t::text FROM " + table + " t ORDER BY 1").forEach(rows::add);
        }
        return rows;
    }

    List<String> query(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
