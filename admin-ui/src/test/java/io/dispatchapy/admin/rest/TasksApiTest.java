package io.dispatchapy.admin.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dispatchapy.admin.service.TaskSearch;
import io.dispatchapy.model.queue.AttemptRecord;
import io.dispatchapy.model.queue.ClaimedTask;
import io.dispatchapy.model.queue.NewTask;
import io.dispatchapy.model.queue.TaskQueue;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TasksApiTest extends ApiTestSupport {
    @Inject
    TaskQueue queue;

    long endpoint;
    long other;
    long client;
    long otherClient;

    @BeforeEach
    void setUp() {
        endpoint = createEndpoint("send_sms");
        other = createEndpoint("send_mail");
        client = createClient("shop", endpoint, other);
        otherClient = createClient("crm", other);
    }

    @Test
    void listsNewestFirstWithPaging() {
        for (int i = 1; i <= 5; i++) {
            insert(client, endpoint, "send_sms", "ref-" + i, "{\"n\":" + i + "}", false);
        }
        api().get(V1 + "/tasks?size=2").then().statusCode(200).body("total", equalTo(5)).body("page", equalTo(0))
                .body("size", equalTo(2)).body("items.id", contains(5, 4)).body("items[0].status", equalTo("pending"))
                .body("items[0].endpointId", equalTo((int) endpoint)).body("items[0].endpointPath", equalTo("send_sms"))
                .body("items[0].clientId", equalTo((int) client)).body("items[0].clientName", equalTo("shop"))
                .body("items[0].ref", equalTo("ref-5")).body("items[0].scope", equalTo("test"))
                .body("items[0].payload.n", equalTo(5)).body("items[0].targetPayload", nullValue())
                .body("items[0].attempts", equalTo(0)).body("items[0].maxAttempts", equalTo(5))
                .body("items[0].createdAt", matchesPattern("\\d{4}-.*Z"));
        api().get(V1 + "/tasks?size=2&page=2").then().body("items.id", contains(1)).body("total", equalTo(5));
        api().get(V1 + "/tasks?size=1000").then().body("size", equalTo(500)).body("items", hasSize(5));
        // a page far past the end is empty, not an overflow of page * size
        api().get(V1 + "/tasks?page=2147483647&size=500").then().statusCode(200).body("items", hasSize(0))
                .body("total", equalTo(5)).body("page", equalTo(2147483647));
    }

    @Test
    void filtersAndSearches() {
        insert(client, endpoint, "send_sms", "order-17", "{\"phone\":\"+4912345\"}", false);
        insert(client, other, "send_mail", "invoice-3", "{\"mail\":\"a@b.io\"}", true);
        insert(otherClient, other, "send_mail", "x_1", "{\"note\":\"100% done\"}", false);
        api().get(V1 + "/tasks?status=held").then().body("items.ref", contains("invoice-3"));
        api().get(V1 + "/tasks?endpointId=" + other).then().body("total", equalTo(2));
        api().get(V1 + "/tasks?clientId=" + otherClient).then().body("items.ref", contains("x_1"));
        api().queryParam("q", "ORDER").get(V1 + "/tasks").then().body("items.ref", contains("order-17"));
        api().queryParam("q", "4912345").get(V1 + "/tasks").then().body("items.ref", contains("order-17"));
        api().queryParam("q", "send_mail").get(V1 + "/tasks").then().body("total", equalTo(2));
        api().queryParam("q", "crm").get(V1 + "/tasks").then().body("items.ref", contains("x_1"));
        api().queryParam("q", "100%").get(V1 + "/tasks").then().body("items.ref", contains("x_1"));
        api().queryParam("q", "%").get(V1 + "/tasks").then().body("items.ref", contains("x_1"));
        api().queryParam("q", "x_").get(V1 + "/tasks").then().body("items.ref", contains("x_1"));
        api().queryParam("q", "' OR 1=1 --").get(V1 + "/tasks").then().statusCode(200).body("total", equalTo(0));
        api().get(V1 + "/tasks?status=held&clientId=" + otherClient).then().body("total", equalTo(0));
        api().get(V1 + "/tasks?status=done").then().statusCode(400).body("detail",
                equalTo("status must be one of pending, processing, success, failed, held, stopped"));
        api().get(V1 + "/tasks?page=-1").then().statusCode(400).body("detail", equalTo("page must be >= 0"));
        api().get(V1 + "/tasks?size=0").then().statusCode(400).body("detail", equalTo("size must be >= 1"));
    }

    @Test
    void detailHasAttemptHistoryAndEvents() {
        long id = insert(client, endpoint, "send_sms", "r", "{\"a\":1}", false);
        long resource = createResource("sms");
        ClaimedTask claimed = queue.claim("test-worker", 10, Duration.ofSeconds(30)).get(0);
        queue.recordAttempt("test-worker", claimed.id(), new AttemptRecord(resource, "sms",
                Instant.parse("2026-01-02T03:04:05Z"), 120, false, 503, "Service Unavailable", "{\"b\":2}"));
        queue.fail("test-worker", claimed.id(), "All attempts failed");
        api().get(V1 + "/tasks/" + id).then().statusCode(200).body("id", equalTo((int) id))
                .body("status", equalTo("failed")).body("attempts", equalTo(1))
                .body("lastError", equalTo("All attempts failed")).body("resourceName", equalTo("sms"))
                .body("targetPayload.b", equalTo(2)).body("finishedAt", matchesPattern("\\d{4}-.*Z"))
                .body("attemptHistory", hasSize(1)).body("attemptHistory[0].attemptNo", equalTo(1))
                .body("attemptHistory[0].resourceId", equalTo((int) resource))
                .body("attemptHistory[0].resourceName", equalTo("sms"))
                .body("attemptHistory[0].startedAt", equalTo("2026-01-02T03:04:05Z"))
                .body("attemptHistory[0].durationMs", equalTo(120)).body("attemptHistory[0].outcome", equalTo("failed"))
                .body("attemptHistory[0].statusCode", equalTo(503))
                .body("attemptHistory[0].detail", equalTo("Service Unavailable"))
                .body("events.message", contains("Attempt 1/5 via 'sms': failed (HTTP 503) - Service Unavailable",
                        "All attempts failed"))
                .body("events[0].createdAt", matchesPattern("\\d{4}-.*Z"));
        api().get(V1 + "/tasks/999").then().statusCode(404).body("detail", equalTo("Task 999 not found"));
    }

    @Test
    void retryStopAndDeleteFollowTheQueueRules() {
        long busy = insert(client, endpoint, "send_sms", "busy", "{}", false);
        assertThat(queue.claim("test-worker", 10, Duration.ofSeconds(30))).hasSize(1);
        long held = insert(client, endpoint, "send_sms", "held", "{}", true);

        api().post(V1 + "/tasks/" + busy + "/retry").then().statusCode(409).body("detail",
                equalTo("Task " + busy + " is processing and cannot be retried"));
        api().post(V1 + "/tasks/" + busy + "/stop").then().statusCode(409);
        api().delete(V1 + "/tasks/" + busy).then().statusCode(409).body("detail",
                equalTo("Task " + busy + " is processing and cannot be deleted"));

        api().post(V1 + "/tasks/" + held + "/stop").then().statusCode(200).body("status", equalTo("stopped"));
        api().get(V1 + "/tasks/" + held).then().body("status", equalTo("stopped")).body("lastError",
                equalTo("Stopped by user."));
        api().post(V1 + "/tasks/" + held + "/stop").then().statusCode(409);
        api().post(V1 + "/tasks/" + held + "/retry").then().statusCode(200).body("status", equalTo("pending"));
        api().get(V1 + "/tasks/" + held).then().body("status", equalTo("pending")).body("lastError", nullValue());

        queue.complete("test-worker", busy);
        api().post(V1 + "/tasks/" + busy + "/retry").then().statusCode(409).body("detail",
                equalTo("Task " + busy + " is success and cannot be retried"));
        api().delete(V1 + "/tasks/" + busy).then().statusCode(204);
        api().get(V1 + "/tasks/" + busy).then().statusCode(404);
        api().post(V1 + "/tasks/" + busy + "/retry").then().statusCode(404).body("detail",
                equalTo("Task " + busy + " not found"));
        api().post(V1 + "/tasks/" + busy + "/stop").then().statusCode(404);
        api().delete(V1 + "/tasks/" + busy).then().statusCode(404);
    }

    private long insert(long clientId, long endpointId, String path, String ref, String payload, boolean held) {
        return queue.insert(new NewTask(clientId, clientId == client ? "shop" : "crm", endpointId, path, ref, "test",
                payload, held, null, null)).taskId();
    }

    @Test
    void taskSearchUsesTheTrigramIndex() throws Exception {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SET LOCAL enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (java.sql.ResultSet rs = st.executeQuery(
                    "EXPLAIN SELECT t.id FROM task t WHERE " + TaskSearch.SEARCH_MATCH.replace(":q", "'%order-42%'"))) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            c.rollback();
            assertThat(plan.toString()).contains("task_search_doc_trgm_idx");
        }
    }

    /** The search text is kept by triggers, so every way a task is stored or removed keeps search exact. */
    @Test
    void searchFollowsEveryWriterOfTasks() throws Exception {
        List<TaskQueue.Stored> batch = queue.insertAll(List.of(
                new NewTask(client, "shop", endpoint, "send_sms", "batch-1", "test", "{\"word\":\"alpha\"}", false,
                        null, null),
                new NewTask(client, "shop", endpoint, "send_sms", "batch-2", "test", "{\"word\":\"beta\"}", false, null,
                        null)));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO task (status, client_id, client_name, endpoint_id, endpoint_path, ref, scope,"
                    + " payload, max_attempts) VALUES ('pending', " + client + ", 'shop', " + endpoint
                    + ", 'send_sms', 'by-sql', 'test', '{\"word\":\"gamma\"}', 3)");
        }
        api().queryParam("q", "alpha").get(V1 + "/tasks").then().body("items.ref", contains("batch-1"));
        api().queryParam("q", "BETA").get(V1 + "/tasks").then().body("items.ref", contains("batch-2"));
        api().queryParam("q", "gamma").get(V1 + "/tasks").then().body("items.ref", contains("by-sql"));
        api().queryParam("q", "batch-").get(V1 + "/tasks").then().body("total", equalTo(2));

        // queue updates leave the text alone; a changed payload (nothing does that today) is searched as changed
        long first = batch.get(0).get().taskId();
        queue.claim("test-worker", 10, Duration.ofMinutes(1));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE task SET payload = '{\"word\":\"delta\"}' WHERE id = " + first);
        }
        api().queryParam("q", "alpha").get(V1 + "/tasks").then().body("total", equalTo(0));
        api().queryParam("q", "delta").get(V1 + "/tasks").then().body("items.ref", contains("batch-1"));

        queue.complete("test-worker", first);
        api().delete(V1 + "/tasks/" + first).then().statusCode(204);
        assertThat(searchRows()).isEqualTo(2);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE task CASCADE");
        }
        assertThat(searchRows()).isZero();
    }

    private long searchRows() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM task_search")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
