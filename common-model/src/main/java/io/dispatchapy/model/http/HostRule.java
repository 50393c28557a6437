package io.dispatchapy.model.http;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * One entry of an allow or deny list: a host name, a domain ({@code .example.com} / {@code *.example.com}) or a CIDR.
 */
record HostRule(String text, String host, String domain, byte[] network, int prefix) {

    static HostRule parse(String entry) {
        String e = entry.trim().toLowerCase(Locale.ROOT);
        if (e.contains("/")) {
            String[] parts = e.split("/", 2);
            byte[] net = literal(parts[0]);
            if (net == null) {
                throw new IllegalArgumentException("Not a CIDR range: " + entry);
            }
            int prefix = Integer.parseInt(parts[1]);
            if (prefix < 0 || prefix > net.length * 8) {
                throw new IllegalArgumentException("Not a CIDR range: " + entry);
            }
            return new HostRule(entry.trim(), null, null, net, prefix);
        }
        if (e.startsWith("*.")) {
            e = e.substring(1);
        }
        byte[] ip = literal(e);
        if (ip != null) {
            return new HostRule(entry.trim(), null, null, ip, ip.length * 8);
        }
        return e.startsWith(".") ? new HostRule(entry.trim(), null, e, null, 0)
                : new HostRule(entry.trim(), e, null, null, 0);
    }

    boolean matchesName(String hostName) {
        String h = hostName.toLowerCase(Locale.ROOT);
        return h.equals(host) || (domain != null && (h.endsWith(domain) || h.equals(domain.substring(1))));
    }

    boolean matchesAddress(InetAddress address) {
        byte[] a = address.getAddress();
        if (network == null || a.length != network.length) {
            return false;
        }
        int bits = a.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        return new BigInteger(1, a).and(mask).equals(new BigInteger(1, network).and(mask));
    }

    /** The bytes of an IP literal, or null for a host name (never resolves). */
    static byte[] literal(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = t.contains(":") && t.matches("[0-9a-fA-F:.%]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
