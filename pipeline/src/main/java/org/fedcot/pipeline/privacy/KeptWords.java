package org.fedcot.pipeline.privacy;

import java.util.HashMap;
import java.util.Map;
import org.fedcot.privacy.PerturbOptions;
import org.fedcot.privacy.TextUnit;

/**
 * How many of a private text's eligible words (every number, every word but the stopwords the options keep) a
 * released text still holds, counted as multisets: a word the private text has twice is kept twice only if the
 * release has it twice.
 *
 * @param eligible the private text's eligible words
 * @param kept     those the release holds
 */
public record KeptWords(int eligible, int kept) {
    /** The count of {@code raw}'s eligible words against {@code released}, a release's unit counts. */
    public static KeptWords of(String raw, Map<String, Integer> released, PerturbOptions options) {
        Map<String, Integer> eligible = new HashMap<>();
        for (TextUnit u : TextUnit.of(raw)) {
            if (u.eligible(options)) {
                eligible.merge(u.key(), 1, Integer::sum);
            }
        }
        int total = 0;
        int kept = 0;
        for (Map.Entry<String, Integer> e : eligible.entrySet()) {
            total += e.getValue();
            kept += Math.max(0, Math.min(e.getValue(), released.getOrDefault(e.getKey(), 0)));
        }
        return new KeptWords(total, kept);
    }

    /** The unit counts of {@code text} (see {@link TextUnit}). */
    public static Map<String, Integer> counts(String text) {
        Map<String, Integer> m = new HashMap<>();
        for (TextUnit u : TextUnit.of(text)) {
            m.merge(u.key(), 1, Integer::sum);
        }
        return m;
    }

    /** The share kept, 0 for a text without eligible words. */
    public double share() {
        return eligible == 0 ? 0 : (double) kept / eligible;
    }
}
