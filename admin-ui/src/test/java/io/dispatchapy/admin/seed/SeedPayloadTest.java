package io.dispatchapy.admin.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dispatchapy.model.mapping.MappingSpec;
import io.dispatchapy.model.mapping.PayloadBuilder;
import io.dispatchapy.model.mapping.SourceType;
import io.dispatchapy.model.queue.InsertResult;
import io.dispatchapy.model.queue.NewTask;
import io.dispatchapy.model.queue.TaskQueue;
import io.dispatchapy.model.testing.DatabaseCleaner;
import io.dispatchapy.model.testing.PostgresResource;
import io.dispatchapy.model.token.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * After an import, a request that worked against the original (same token, same body) passes the gateway's checks, is
 * queued, and every resource of the failover list is sent the same body the original built for it (compared with
 * {@link SeedOracle}, which reads the seed's own rules). The end-to-end run through the real gateway and worker is
 * standalone's SeedImportIT.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class SeedPayloadTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROUTE = """
            SELECT e.id, c.id, c.name, e.required_params::text,
                   c.legacy_endpoint_id = e.id OR EXISTS (SELECT 1 FROM client_endpoint ce
                       WHERE ce.client_id = c.id AND ce.endpoint_id = e.id)
            FROM endpoint e JOIN client c ON c.token_hash = ? WHERE e.path = ? AND e.active""";

    @Inject
    DataSource dataSource;
    @Inject
    SeedImportService importer;
    @Inject
    TaskQueue queue;

    @Test
    void aRequestThatWorkedAgainstTheOriginalIsAcceptedAndMappedAsTheOriginalDid() throws Exception {
        DatabaseCleaner.clean(dataSource);
        Path seed = SeedFixture.create(Files.createTempDirectory("seed"), "http://127.0.0.1:1/a",
                "http://127.0.0.1:1/b", "http://127.0.0.1:1/c");
        importer.importFile(seed, "fixture", false, false);
        ObjectNode body = (ObjectNode) JSON
                .readTree("{\"ref\": \"o-1\", \"scope\": \"shop\", \"phone\": \"+100\", \"text\": \"hello\", \"n\": 5,"
                        + " \"extra\": {\"a\": [1, null]}}");

        long endpoint = accept("send_sms", SeedFixture.SHOP_TOKEN, body);
        assertThat(accept("send_sms", SeedFixture.LEGACY_TOKEN, body)).isEqualTo(endpoint); // legacy link
        for (String resource : List.of("sms-primary", "sms-backup")) {
            ObjectNode ours = PayloadBuilder.build(body, body, mappings(endpoint, resource), true, uuids());
            ObjectNode theirs = SeedOracle.sent(seed, "send_sms", resource, body, uuids());
            assertThat(ours).as(resource).isEqualTo(theirs);
        }
        assertThat(PayloadBuilder.build(body, body, mappings(endpoint, "sms-primary"), true, uuids()).toString())
                .isEqualTo("{\"text\":\"hello\",\"to\":\"+100\",\"msg_id\":\"uuid-1\",\"_raw\":" + body + "}");

        // an endpoint without rules for its resource: the original sent only {"_raw": payload}, dev overrides or not
        long notify = accept("notify", SeedFixture.OTHER_TOKEN, body);
        ObjectNode overridden = body.deepCopy().put("scope", "test").put("text", "dev text");
        assertThat(PayloadBuilder.build(overridden, body, mappings(notify, "mailer"), true, uuids()))
                .isEqualTo(SeedOracle.sent(seed, "notify", "mailer", body, uuids()))
                .isEqualTo(JSON.createObjectNode().set("_raw", body));
    }

    /** The gateway's checks for this token and path; stores the task as the gateway does; answers the endpoint id. */
    long accept(String path, String token, ObjectNode body) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ROUTE)) {
            ps.setString(1, Tokens.hash(token));
            ps.setString(2, path);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("active endpoint %s and a client with this token", path).isTrue();
                assertThat(rs.getBoolean(5)).as("client linked to %s", path).isTrue();
                for (JsonNode key : JSON.readTree(rs.getString(4))) {
                    assertThat(body.has(key.asText())).as("required %s", key).isTrue();
                }
                InsertResult stored = queue.insert(new NewTask(rs.getLong(2), rs.getString(3), rs.getLong(1), path,
                        body.get("ref").asText(), body.get("scope").asText(), body.toString(), false, null, null));
                assertThat(stored.acceptedAs()).isEqualTo("queued");
                return rs.getLong(1);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The mappings our worker loads for this endpoint and resource (DeliveryPlanRepository's query). */
    List<MappingSpec> mappings(long endpoint, String resource) throws SQLException {
        List<MappingSpec> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT m.target_key, m.source_type, m.source_value FROM mapping_rule m
                JOIN resource r ON r.id = m.resource_id WHERE m.endpoint_id = ? AND r.name = ?
                ORDER BY m.position, m.id""")) {
            ps.setLong(1, endpoint);
            ps.setString(2, resource);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new MappingSpec(rs.getString(1), SourceType.fromWire(rs.getString(2)).orElseThrow(),
                            rs.getString(3)));
                }
            }
        }
        return out;
    }

    static Supplier<String> uuids() {
        AtomicInteger n = new AtomicInteger();
        return () -> "uuid-" + n.incrementAndGet();
    }
}
