package org.fedcot.models.tokenizer.hf;

import java.util.ArrayList;
import java.util.List;

/**
 * What a Split pre-tokenizer does with the stretches its pattern matches, as HF's
 * {@code SplitDelimiterBehavior}; for {@code "the-final--countdown"} split on {@code "-"}:
 * Removed gives {@code the, final, countdown}; Isolated {@code the, -, final, -, -, countdown};
 * MergedWithPrevious {@code the-, final-, -, countdown}; MergedWithNext
 * {@code the, -final, -, -countdown}; Contiguous {@code the, -, final, --, countdown}.
 */
enum SplitBehavior {
    REMOVED,
    ISOLATED,
    MERGED_WITH_PREVIOUS,
    MERGED_WITH_NEXT,
    CONTIGUOUS;

    /** A stretch {@code [start, end)} of the text and whether the pattern matched it. */
    record Span(int start, int end, boolean match) {}

    /** The behaviour tokenizer.json names {@code name} ("Isolated", ...), or null if none is. */
    static SplitBehavior fromJson(String name) {
        return switch (name) {
            case "Removed" -> REMOVED;
            case "Isolated" -> ISOLATED;
            case "MergedWithPrevious" -> MERGED_WITH_PREVIOUS;
            case "MergedWithNext" -> MERGED_WITH_NEXT;
            case "Contiguous" -> CONTIGUOUS;
            default -> null;
        };
    }

    /** The pieces to keep, given the spans (matched or not) that tile the text in order. */
    List<Span> pieces(List<Span> spans) {
        return switch (this) {
            case REMOVED -> spans.stream().filter(s -> !s.match()).toList();
            case ISOLATED -> spans;
            case MERGED_WITH_PREVIOUS -> mergeMatches(spans, false);
            case MERGED_WITH_NEXT -> mergeMatches(spans.reversed(), true).reversed();
            case CONTIGUOUS -> contiguous(spans);
        };
    }

    /**
     * Glues each match (the first of a run of adjacent matches) onto the piece before it, walking
     * forwards; walking the reversed spans with {@code backwards} glues it onto the piece after.
     */
    private static List<Span> mergeMatches(List<Span> spans, boolean backwards) {
        List<Span> out = new ArrayList<>(spans.size());
        boolean previousMatch = false;
        for (Span s : spans) {
            if (s.match() && !previousMatch && !out.isEmpty()) {
                Span last = out.removeLast();
                out.add(backwards ? new Span(s.start(), last.end(), false) : new Span(last.start(), s.end(), false));
            } else {
                out.add(s);
            }
            previousMatch = s.match();
        }
        return out;
    }

    private static List<Span> contiguous(List<Span> spans) {
        List<Span> out = new ArrayList<>(spans.size());
        boolean previousMatch = false;
        for (Span s : spans) {
            if (s.match() == previousMatch && !out.isEmpty()) {
                Span last = out.removeLast();
                out.add(new Span(last.start(), s.end(), false));
            } else {
                out.add(s);
            }
            previousMatch = s.match();
        }
        return out;
    }
}
