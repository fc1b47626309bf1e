package org.fedcot.models.generate;

import java.util.List;

/** Finding stop strings in generated text, and how much of a text could still grow into one. */
final class StopStrings {
    private final List<String> stops;
    private final int longest;

    StopStrings(List<String> stops) {
        this.stops = stops;
        this.longest = stops.stream().mapToInt(String::length).max().orElse(0);
    }

    /** Length of the longest stop string (0 without any). */
    int longest() {
        return longest;
    }

    /** Where the earliest stop string starts in {@code text} at or after {@code from}, or -1. */
    int firstMatch(String text, int from) {
        int first = -1;
        for (String s : stops) {
            int at = text.indexOf(s, from);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    /** Length of the longest end of {@code text} that begins some stop string: text that must not be shown yet. */
    int pendingSuffix(String text) {
        int longest = 0;
        for (String s : stops) {
            for (int n = Math.min(s.length() - 1, text.length()); n > longest; n--) {
                if (text.regionMatches(text.length() - n, s, 0, n)) {
                    longest = n;
                    break;
                }
            }
        }
        return longest;
    }
}
