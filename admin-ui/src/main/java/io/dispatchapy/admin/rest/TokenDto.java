package io.dispatchapy.admin.rest;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A client's new token, shown once; {@code previousTokenValidUntil} is set when the rotation left the old token a grace
 * period.
 */
public record TokenDto(long id, String token,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant previousTokenValidUntil) {

    public TokenDto(long id, String token) {
        this(id, token, null);
    }
}
