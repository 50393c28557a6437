package io.dispatchapy.model.http;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The one way Dispatchapy calls out (deliveries, health checks, alert webhooks): HTTP/1.1, redirects never followed (a
 * redirected POST would silently become a GET), and configured headers copied without the ones the HTTP client manages
 * itself.
 */
public final class OutboundHttp {
    private static final Set<String> MANAGED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private OutboundHttp() {
    }

    public static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout).build();
    }

    /** Sets each configured header (replacing a default of the same name), skipping those the client manages. */
    public static HttpRequest.Builder copyHeaders(HttpRequest.Builder request, Map<String, String> headers) {
        headers.forEach((name, value) -> {
            if (value != null && !MANAGED.contains(name.toLowerCase())) {
                request.setHeader(name, value);
            }
        });
        return request;
    }
}
