package io.dispatchapy.model.http;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
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

    private static HttpClient.Builder builder(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout);
    }

    /** Sets each configured header (replacing a default of the same name), skipping those the client manages. */
    public static HttpRequest.Builder copyHeaders(HttpRequest.Builder request, Map<String, String> headers) {
        sendable(headers).forEach(request::setHeader);
        return request;
    }

    /**
     * The configured headers a call may carry, in their order: without null values and without those the HTTP client
     * manages (framing, host, upgrades). Names and values are checked as the JDK client checks them, so that a header
     * that would let a value end the header block is refused, whichever client sends it.
     *
     * @throws IllegalArgumentException
     *             for a name that is not an HTTP token or a value with a control character
     */
    public static Map<String, String> sendable(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (value != null && !MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
                out.put(checkedName(name), checkedValue(name, value));
            }
        });
        return out;
    }

    private static String checkedName(String name) {
        if (name.isEmpty() || !name.chars().allMatch(OutboundHttp::isTokenChar)) {
            throw new IllegalArgumentException("invalid header name \"" + name + "\"");
        }
        return name;
    }

    private static String checkedValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException("invalid header value for " + name);
            }
        }
        return value;
    }

    /** RFC 9110 token characters. */
    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
}
