package io.dispatchapy.worker.client;

import java.time.Duration;
import java.util.Optional;

/**
 * How a call ended. {@code statusCode} is null when no HTTP answer came (timeout, refused, DNS, TLS); {@code detail} is
 * an excerpt of the answer or the error.
 */
public record ProviderResponse(boolean success, Integer statusCode, String detail, Optional<Duration> retryAfter) {
}
