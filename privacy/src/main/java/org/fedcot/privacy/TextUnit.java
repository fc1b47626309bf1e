package org.fedcot.privacy;

import java.util.ArrayList;
import java.util.List;

/**
 * A word or number of a text, as privacy accounting counts it: its lookup key (lower-case, ’ read as ') and
 * whether it is a number. Punctuation and symbols are no units.
 *
 * @param key    the unit's text as the vocabulary looks it up
 * @param number whether it is a number
 */
public record TextUnit(String key, boolean number) {
    /** The units of {@code text}, in order. */
    public static List<TextUnit> of(String text) {
        List<TextUnit> out = new ArrayList<>();
        for (Segment s : WordSegmenter.segments(text)) {
            if (s.kind() != Segment.Kind.OTHER) {
                out.add(new TextUnit(WordPerturber.key(s.text(text)), s.kind() == Segment.Kind.NUMBER));
            }
        }
        return out;
    }

    /**
     * Whether the unit is private under {@code options}: every number, and every word the options would perturb
     * (all but the stopwords they keep), whether or not the embeddings hold it.
     */
    public boolean eligible(PerturbOptions options) {
        return number || options.perturbs(key);
    }
}
