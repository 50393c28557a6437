package io.dispatchapy.model.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The operator's allow/deny list for outbound calls ({@link OutboundConfig}). Checked when a URL is saved (by its host
 * name, and by its addresses when it resolves) and before every call (every address the host resolves to). The deny
 * list wins; a host on the allow list is allowed even in a private network; with an allow list, nothing else is.
 */
@ApplicationScoped
public class OutboundPolicy {
    private final boolean denyPrivate;
    private final List<HostRule> allow;
    private final List<HostRule> deny;

    @Inject
    public OutboundPolicy(OutboundConfig config) {
        this(config.denyPrivateNetworks(), config.allowHosts().orElse(List.of()), config.denyHosts().orElse(List.of()));
    }

    public OutboundPolicy(boolean denyPrivate, List<String> allow, List<String> deny) {
        this.denyPrivate = denyPrivate;
        this.allow = allow.stream().filter(s -> !s.isBlank()).map(HostRule::parse).toList();
        this.deny = deny.stream().filter(s -> !s.isBlank()).map(HostRule::parse).toList();
    }

    /** Whether any rule is configured (when not, nothing is resolved or checked). */
    public boolean restricts() {
        return denyPrivate || !allow.isEmpty() || !deny.isEmpty();
    }

    /** Save-time check: the reason the URL is refused, or empty. A host that does not resolve yet is judged by name. */
    public Optional<String> refusal(String url) {
        if (!restricts() || url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            check(URI.create(url.trim()), false);
            return Optional.empty();
        } catch (OutboundDeniedException e) {
            return Optional.of(e.getMessage());
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // URL syntax is the caller's own check
        }
    }

    /** Send-time check: every address the host resolves to must be allowed. */
    public void check(URI uri) {
        if (restricts()) {
            check(uri, true);
        }
    }

    private void check(URI uri, boolean mustResolve) {
        String host = uri.getHost();
        if (host == null) {
            throw new OutboundDeniedException("Outbound call refused: the URL has no host");
        }
        InetAddress[] addresses = resolve(host, mustResolve);
        for (HostRule r : deny) {
            if (r.matchesName(host) || anyMatch(r, addresses)) {
                throw refused(host, "it matches dispatchapy.outbound.deny-hosts entry '" + r.text() + "'");
            }
        }
        boolean allowed = allow.stream().anyMatch(r -> r.matchesName(host) || allMatch(r, addresses));
        if (allowed) {
            return;
        }
        if (!allow.isEmpty()) {
            throw refused(host, "it is not in dispatchapy.outbound.allow-hosts");
        }
        if (denyPrivate) {
            for (InetAddress a : addresses) {
                if (isPrivate(a)) {
                    throw refused(host, "it resolves to " + a.getHostAddress()
                            + ", a private/loopback/link-local address (dispatchapy.outbound.deny-private-networks)");
                }
            }
        }
    }

    private static InetAddress[] resolve(String host, boolean mustResolve) {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            if (mustResolve) {
                throw new OutboundDeniedException("Outbound call refused: host " + host
                        + " does not resolve, so the allow/deny list cannot be checked");
            }
            return new InetAddress[0];
        }
    }

    private static OutboundDeniedException refused(String host, String why) {
        return new OutboundDeniedException("Outbound call to " + host + " refused: " + why);
    }

    private static boolean anyMatch(HostRule r, InetAddress[] addresses) {
        for (InetAddress a : addresses) {
            if (r.matchesAddress(a)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allMatch(HostRule r, InetAddress[] addresses) {
        if (addresses.length == 0) {
            return false;
        }
        for (InetAddress a : addresses) {
            if (!r.matchesAddress(a)) {
                return false;
            }
        }
        return true;
    }

    /** Loopback, RFC 1918, link-local (169.254/16, fe80::/10), ULA (fc00::/7), unspecified, multicast, CGNAT. */
    static boolean isPrivate(InetAddress a) {
        byte[] b = a.getAddress();
        boolean ula = b.length == 16 && (b[0] & 0xfe) == 0xfc;
        boolean cgnat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress() || ula || cgnat || mappedPrivate(b);
    }

    /** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) judged by its IPv4 part. */
    private static boolean mappedPrivate(byte[] b) {
        if (b.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        if ((b[10] & 0xff) != 0xff || (b[11] & 0xff) != 0xff) {
            return false;
        }
        try {
            return isPrivate(InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] }));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
