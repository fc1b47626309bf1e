package org.fedcot.models.generate;

import org.fedcot.models.tokenizer.Tokenizer;

/**
 * The text of generated tokens as they continue a prompt. Generation calls it after every token
 * with the tokens so far; for streaming to work, the text of a longer run should extend the text of
 * a shorter one (except, while a multi-byte character is incomplete, trailing U+FFFD).
 */
@FunctionalInterface
public interface ContinuationText {
    /** The text {@code generated} adds after {@code prompt}. */
    String of(int[] prompt, int[] generated);

    /**
     * Text as {@code tokenizer.decode} gives it: the decoded prompt tail and continuation minus the
     * decoded prompt tail, so rules that depend on the preceding token (SentencePiece dropping a
     * leading space at the start, bytes of one character split over tokens) see the prompt.
     */
    static ContinuationText of(Tokenizer tokenizer) {
        return new DecodedContinuation(tokenizer);
    }
}
