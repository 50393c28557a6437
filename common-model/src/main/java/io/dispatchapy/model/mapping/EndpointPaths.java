package io.dispatchapy.model.mapping;

/** Endpoint path normalisation, as the seed does it: trim, no leading slashes, spaces become underscores. */
public final class EndpointPaths {
    private EndpointPaths() {
    }

    public static String normalize(String path) {
        if (path == null) {
            return "";
        }
        String p = path.trim();
        int i = 0;
        while (i < p.length() && p.charAt(i) == '/') {
            i++;
        }
        return p.substring(i).replace(' ', '_');
    }
}
