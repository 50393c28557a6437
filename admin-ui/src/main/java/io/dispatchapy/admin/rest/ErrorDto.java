package io.dispatchapy.admin.rest;

/** The error body of every failed request. */
public record ErrorDto(String detail) {
}
