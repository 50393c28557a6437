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
        return builder(connectTimeout).build();
    }

    /**
     * A client for many small calls from blocking threads: its internal steps run on the thread that completes them
     * (the client's selector thread, or the calling thread) instead of being handed to a thread pool. With the default
     * pool each call wakes several threads, which on a small machine costs more CPU than the call itself. Safe here
     * because no caller attaches its own callbacks to the client's futures: calls are made with
     * {@link HttpClient#send}, whose body handler only buffers.
     */
    public static HttpClient newDirectClient(Duration connectTimeout) {
        return builder(connectTimeout).executor(Runnable::run).build();
    }

    private static HttpClient.Builder builder(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout);
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
