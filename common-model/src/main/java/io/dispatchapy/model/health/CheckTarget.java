package io.dispatchapy.model.health;

import java.util.Map;

/** What an active check needs to know about a resource. {@code method} is tcp, http or post. */
public record CheckTarget(long resourceId, String name, String url, String method, String checkUrl,
        Map<String, String> headers, Map<String, Object> testValues) {

    /** The URL to probe: the check URL when set, otherwise the resource's own. */
    public String probeUrl() {
        return checkUrl == null || checkUrl.isBlank() ? url : checkUrl;
    }
}
