package io.dispatchapy.gateway.rest;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.dispatchapy.gateway.service.ApiError;
import io.dispatchapy.gateway.service.RetryLater;
import io.dispatchapy.model.queue.QueueException;
import io.quarkus.logging.Log;

/** Every refusal is JSON {@code {"detail": ...}}; a database outage is a 503 the client can retry. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response apiError(ApiError e) {
        Response answer = json(e.status(), e.detail());
        // the rest of an over-long body is not read: do not keep the connection for another request
        return e.status() == 413 ? Response.fromResponse(answer).header("Connection", "close").build() : answer;
    }

    @ServerExceptionMapper
    public Response retryLater(RetryLater e) {
        return Response.fromResponse(json(e.status(), e.detail()))
                .header("Retry-After", Long.toString(e.retryAfterSeconds())).build();
    }

    @ServerExceptionMapper
    public Response databaseDown(QueueException e) {
        Log.warnf("Database error: %s (%s)", e.getMessage(), e.getCause() == null ? "" : e.getCause().getMessage());
        return Response.fromResponse(json(503, "The gateway cannot reach its database; retry later"))
                .header("Retry-After", "5").build();
    }

    /** A body the HTTP layer could not read, mostly one over its hard limit: a clear 4xx, no stack trace. */
    @ServerExceptionMapper
    public Response unreadableBody(java.io.IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.toLowerCase().contains("too large") ? json(413, "Request body is larger than the server accepts")
                : json(400, "Request body could not be read: " + message);
    }

    static Response json(int status, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("detail", detail)).build();
    }
}
