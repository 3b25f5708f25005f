package org.xrr.interposer.cpu;

import java.util.List;

/** A feature name the catalogue does not know; the message suggests the nearest known names. */
public final class UnknownFeatureException extends IllegalArgumentException {
    private final String name;
    private final List<String> suggestions;

    public UnknownFeatureException(String name, List<String> suggestions) {
        super(message(name, suggestions));
        this.name = name;
        this.suggestions = List.copyOf(suggestions);
    }

    public String name() {
        return name;
    }

    public List<String> suggestions() {
        return suggestions;
    }

    private static String message(String name, List<String> suggestions) {
        String head = "unknown CPU feature \"" + Shown.text(name) + "\"";
        if (suggestions.isEmpty()) {
            return head + " (features are named as in /proc/cpuinfo, e.g. avx2, avx512f, sse4_2)";
        }
        return head + "; did you mean " + String.join(", ", suggestions) + "?";
    }
}
