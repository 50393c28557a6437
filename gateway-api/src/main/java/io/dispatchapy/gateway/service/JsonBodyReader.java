package io.dispatchapy.gateway.service;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dispatchapy.gateway.config.GatewayConfig;

/**
 * Reads an ingestion body into a JSON object within the configured limits: size (413), then nesting depth, number of
 * keys and elements, string length, syntax and shape (422). A streaming pass counts before any tree is built, so a
 * hostile body costs little memory.
 */
@ApplicationScoped
public class JsonBodyReader {
    private static final Pattern JACKSON_SETTING = Pattern.compile(", from `[^`]*`");
    private final GatewayConfig config;
    private final JsonFactory factory;
    private final ObjectReader reader;

    public JsonBodyReader(ObjectMapper json, GatewayConfig config) {
        this.config = config;
        StreamReadConstraints limits = StreamReadConstraints.builder().maxNestingDepth(config.maxJsonDepth())
                .maxStringLength(config.maxJsonStringLength()).maxNameLength(config.maxJsonStringLength()).build();
        ObjectMapper limited = json.copy();
        limited.getFactory().setStreamReadConstraints(limits);
        this.factory = limited.getFactory();
        this.reader = limited.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    public ObjectNode read(byte[] body) {
        if (body.length > config.maxBodyBytes()) {
            throw new ApiError(413,
                    "Request body is " + body.length + " bytes; the limit is " + config.maxBodyBytes() + " bytes");
        }
        if (body.length == 0) {
            throw new ApiError(422, "Request body must be a JSON object; it is empty");
        }
        JsonNode node;
        try {
            countEntries(body);
            node = reader.readTree(body);
        } catch (StreamConstraintsException e) {
            // Jackson names its own setting ("from `StreamReadConstraints...`"): name ours instead
            String original = e.getOriginalMessage();
            String message = JACKSON_SETTING.matcher(original).replaceAll("");
            throw new ApiError(422,
                    "Request body exceeds a limit: " + message + " (setting " + settingOf(original) + ")");
        } catch (JacksonException e) {
            throw new ApiError(422, "Request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiError(422, "Request body could not be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ApiError(422, "Request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** Our setting behind one of Jackson's limits, told by the constraint Jackson names in its message. */
    static String settingOf(String jacksonMessage) {
        return jacksonMessage.contains("NestingDepth") ? "dispatchapy.gateway.max-json-depth"
                : "dispatchapy.gateway.max-json-string-length";
    }

    /** Counts keys and array elements at every level (every value but the outermost) and stops at the limit. */
    private void countEntries(byte[] body) throws IOException {
        int max = config.maxJsonEntries();
        long entries = -1;
        try (JsonParser p = factory.createParser(body)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if ((t.isScalarValue() || t.isStructStart()) && ++entries > max) {
                    throw new ApiError(422, "Request body has more than " + max
                            + " keys and array elements; that is the limit (dispatchapy.gateway.max-json-entries)");
                }
            }
        }
    }
}
