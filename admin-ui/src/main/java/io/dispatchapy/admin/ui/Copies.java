package io.dispatchapy.admin.ui;

import java.util.Collection;

/** Names of duplicates: "x copy", then "x copy 2", "x copy 3", ... (cut to fit {@code max}). */
final class Copies {
    private Copies() {
    }

    static String name(String original, Collection<String> taken, int max) {
        String base = original.length() + 10 > max ? original.substring(0, max - 10) : original;
        String candidate = base + " copy";
        for (int i = 2; taken.contains(candidate); i++) {
            candidate = base + " copy " + i;
        }
        return candidate;
    }
}
