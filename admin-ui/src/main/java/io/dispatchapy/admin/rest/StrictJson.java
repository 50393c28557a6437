package io.dispatchapy.admin.rest;

import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The admin API's JSON bodies are read strictly: an unknown field (a typo such as {@code "timeoutMS"}) is a 400 naming
 * it, not a silently ignored setting. Everything else is Quarkus' configured mapper.
 */
@Provider
public class StrictJson implements ContextResolver<ObjectMapper> {
    private final ObjectMapper strict;

    public StrictJson(ObjectMapper mapper) {
        this.strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}
