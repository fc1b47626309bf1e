package org.fedcot.privacy;

import java.util.SplittableRandom;

/**
 * What happens to a word the mechanism cannot perturb because the embeddings do not hold it (a name, a rare or
 * misspelt word). Such words are often the most private of a text, so only {@link #KEEP} releases them.
 */
public enum UnknownWordPolicy {
    /** Released unchanged (and counted in the privacy report). */
    KEEP,
    /** Replaced by the fixed word {@link #PLACEHOLDER_WORD}: the server learns only that a word was there. */
    PLACEHOLDER,
    /**
     * Replaced by a vocabulary word drawn uniformly, independently of the original: the exponential mechanism at
     * eps 0, so nothing of the word is released and no eps is spent.
     */
    RANDOM;

    /** The word {@link #PLACEHOLDER} writes. */
    public static final String PLACEHOLDER_WORD = "something";

    /** The replacement of an unknown word under this policy over {@code table}; null under {@link #KEEP}. */
    String replacement(EmbeddingTable table, SplittableRandom rng) {
        return switch (this) {
            case KEEP -> null;
            case PLACEHOLDER -> PLACEHOLDER_WORD;
            case RANDOM -> table.word(rng.nextInt(table.size()));
        };
    }
}
