package io.dispatchapy.gateway.rest;

import java.io.IOException;
import java.io.InputStream;

import io.dispatchapy.gateway.service.ApiError;

/**
 * Reads a request body up to a limit and stops there, so a body without a length (chunked) never reaches Quarkus' hard
 * limit, which would answer an empty 413 and log an error.
 */
final class BoundedBody {
    private BoundedBody() {
    }

    static byte[] read(InputStream in, int limit) {
        if (in == null) {
            return new byte[0];
        }
        try {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw new ApiError(413, "Request body is larger than the limit of " + limit + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new ApiError(400, "Request body could not be read: " + e.getMessage());
        }
    }
}
