package io.dispatchapy.admin.rest;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.dispatchapy.admin.service.ApiException;
import io.quarkus.logging.Log;

/** Turns every failure into {@code {"detail": ...}}; bad input never becomes a 500 or an HTML page. */
public class ErrorMappers {
    /**
     * Below the default, so another module's mapper for the same type wins in the standalone application (these mappers
     * are global there and already give the project-wide {@code {"detail": ...}} shape).
     */
    static final int PRIORITY = Priorities.USER + 100;

    @ServerExceptionMapper(priority = PRIORITY)
    public Response api(ApiException e) {
        return error(e.status(), e.getMessage());
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response json(JsonProcessingException e) {
        return error(400, describe(e));
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response mismatch(MismatchedInputException e) {
        return error(400, describe(e));
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response web(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return error(400, describe(json));
        }
        int status = e.getResponse().getStatus();
        return error(status, status == 404 ? "Not found" : e.getMessage());
    }

    /** A unique or foreign key clash the checks did not see (a concurrent change). */
    @ServerExceptionMapper(priority = PRIORITY)
    public Response constraint(org.hibernate.exception.ConstraintViolationException e) {
        return error(409, "The change conflicts with existing data; reload and try again");
    }

    /** A value PostgreSQL cannot hold (a NUL character in text, a number out of range): the caller's fault. */
    @ServerExceptionMapper(priority = PRIORITY)
    public Response data(org.hibernate.exception.DataException e) {
        return error(400,
                "A value cannot be stored: text must not contain NUL characters and numbers must be in range");
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response unexpected(Exception e) {
        if (e.getCause() instanceof org.hibernate.exception.ConstraintViolationException cause) {
            return constraint(cause);
        }
        if (e.getCause() instanceof org.hibernate.exception.DataException cause) {
            return data(cause);
        }
        Log.error("Unexpected error in the admin API", e);
        return error(500, "Internal server error");
    }

    static Response error(int status, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorDto(detail)).build();
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + unknown.getPropertyName() + "'";
        }
        if (e instanceof StreamConstraintsException) {
            return "JSON body too large or too deeply nested";
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder field = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    field.append(field.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    field.append('[').append(ref.getIndex()).append(']');
                }
            }
            return "Invalid value for '" + field + "'";
        }
        return "Malformed JSON body";
    }
}
