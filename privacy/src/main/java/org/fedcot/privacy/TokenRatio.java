package org.fedcot.privacy;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * TokenRatio(r', r), how much of a perturbed text r' is still the original r: with u the set of
 * unique words of r' and i the number of them that occur in r, TokenRatio = i / |u|.
 *
 * <p>Words are the {@link Segment.Kind#WORD} and {@link Segment.Kind#NUMBER} segments of
 * {@link WordSegmenter} (letters, possibly joined by apostrophes; digit groups), lower-cased with
 * the root locale, ’ read as '; punctuation is not a word. A text without words has ratio 1: none of
 * its (zero) words is new.
 */
public final class TokenRatio {
    private TokenRatio() {}

    /** TokenRatio(rPrime, r) in [0, 1]. */
    public static double of(String rPrime, String r) {
        Set<String> u = words(rPrime);
        if (u.isEmpty()) {
            return 1;
        }
        Set<String> original = words(r);
        long i = u.stream().filter(original::contains).count();
        return (double) i / u.size();
    }

    /** The unique words of {@code text}, as TokenRatio counts them. */
    public static Set<String> words(String text) {
        return WordSegmenter.segments(text).stream()
                .filter(s -> s.kind() != Segment.Kind.OTHER)
                .map(s -> s.text(text).toLowerCase(Locale.ROOT).replace('\u2019', '\''))
                .collect(Collectors.toSet());
    }
}
