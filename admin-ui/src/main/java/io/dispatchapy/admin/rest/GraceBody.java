package io.dispatchapy.admin.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.dispatchapy.admin.service.ApiException;

/** The optional body of a token rotation: nothing, or {@code {"graceSeconds": n}}. */
final class GraceBody {
    private GraceBody() {
    }

    static int parse(String query) {
        try {
            return Integer.parseInt(query.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("graceSeconds must be a whole number of seconds");
        }
    }

    static int graceSeconds(String body, ObjectMapper json) {
        if (body == null || body.isBlank()) {
            return 0;
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Body must be empty or a JSON object like {\"graceSeconds\": 3600}");
        }
        JsonNode grace = node == null || !node.isObject() ? null : node.get("graceSeconds");
        if (node == null || !node.isObject() || (grace != null && !grace.isNull() && !grace.canConvertToInt())) {
            throw ApiException.badRequest("Body must be empty or a JSON object like {\"graceSeconds\": 3600}");
        }
        return grace == null || grace.isNull() ? 0 : grace.intValue();
    }
}
