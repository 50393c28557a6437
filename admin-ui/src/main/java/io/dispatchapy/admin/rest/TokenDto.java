package io.dispatchapy.admin.rest;

/** A client's new token, shown once. */
public record TokenDto(long id, String token) {
}
