package io.dispatchapy.admin.ui;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dispatchapy.admin.rest.EndpointDto;

/**
 * The OpenAPI document of the ingestion API as one reader sees it: {@code POST /api/<path>} for each visible active
 * endpoint, with its required parameters. Unlike the seed, endpoints without parameters are listed too, and the token
 * is a placeholder (tokens are only shown once).
 */
@ApplicationScoped
public class ApiDocs {
    static final String TOKEN_PLACEHOLDER = "YOUR_API_TOKEN";

    private final ObjectMapper mapper;

    public ApiDocs(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode openApi(List<EndpointDto> visible, String audience) {
        ObjectNode doc = mapper.createObjectNode().put("openapi", "3.0.3");
        doc.putObject("info").put("title", "Dispatchapy API").put("version", "1").put("description",
                "Send tasks to your endpoints. Audience: " + audience + ".");
        ObjectNode schemes = doc.putObject("components").putObject("securitySchemes");
        schemes.putObject("apiToken").put("type", "apiKey").put("in", "header").put("name", "X-API-Token");
        doc.putArray("security").addObject().putArray("apiToken");
        ObjectNode paths = doc.putObject("paths");
        for (EndpointDto e : visible) {
            paths.putObject("/api/" + e.path()).set("post", operation(e));
        }
        return doc;
    }

    private ObjectNode operation(EndpointDto e) {
        ObjectNode op = mapper.createObjectNode();
        op.putArray("tags").add("Endpoints");
        op.put("summary", e.description() == null || e.description().isBlank() ? "/api/" + e.path() : e.description());
        op.put("operationId", "send_" + e.path().replaceAll("[^A-Za-z0-9_]", "_"));
        ArrayNode params = op.putArray("parameters");
        params.addObject().put("name", "Idempotency-Key").put("in", "header").put("required", false)
                .put("description", "Send the same key again to get the first answer back instead of a duplicate")
                .putObject("schema").put("type", "string");
        ObjectNode schema = op.putObject("requestBody").put("required", true).putObject("content")
                .putObject("application/json").putObject("schema").put("type", "object");
        ArrayNode required = schema.putArray("required");
        ObjectNode props = schema.putObject("properties");
        ObjectNode example = mapper.createObjectNode();
        for (String p : e.requiredParams()) {
            required.add(p);
            props.putObject(p).put("type", "string").put("example", "your_" + p + "_here");
            example.put(p, "your_" + p + "_here");
        }
        schema.set("example", example);
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject("200").put("description",
                "Stored: queued for delivery, or held by dev mode");
        ok.putObject("content").putObject("application/json").putObject("schema").put("type", "object")
                .putObject("example").put("status", "queued").put("task_id", 123);
        responses.putObject("400").put("description", "A required parameter is missing");
        responses.putObject("401").put("description", "API token is missing");
        responses.putObject("403").put("description", "Invalid API token for this endpoint");
        responses.putObject("404").put("description", "Endpoint not found");
        return op;
    }

    /** A ready-to-edit curl command with a placeholder token. */
    public String curl(String baseUrl, EndpointDto e) {
        ObjectNode example = mapper.createObjectNode();
        e.requiredParams().forEach(p -> example.put(p, "your_" + p + "_here"));
        return "curl -X POST '" + baseUrl + "api/" + e.path() + "' \\\n  -H 'X-API-Token: " + TOKEN_PLACEHOLDER
                + "' \\\n  -H 'Content-Type: application/json' \\\n  -d '" + example + "'";
    }
}
