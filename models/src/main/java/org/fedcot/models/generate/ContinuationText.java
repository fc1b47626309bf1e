package org.fedcot.models.generate;

import java.util.Arrays;
import org.fedcot.models.tokenizer.Tokenizer;

/**
 * The text of generated tokens as they continue a prompt. For streaming to work, the text of a
 * longer run should extend the text of a shorter one (except, while a multi-byte character is
 * incomplete, trailing U+FFFD). Generation reads it token by token through a {@link Reader}, which
 * the implementations here make incremental: each token costs a decode of a few tokens, not of
 * everything generated so far.
 */
@FunctionalInterface
public interface ContinuationText {
    /** The text {@code generated} adds after {@code prompt}. */
    String of(int[] prompt, int[] generated);

    /**
     * A reader of one continuation of {@code prompt}, fed the generated tokens one at a time; its
     * text after each token is {@code of(prompt, tokens so far)}. This default re-reads every token
     * with {@link #of} at each step; the implementations here override it with incremental readers.
     */
    default Reader reader(int[] prompt) {
        int[] head = prompt.clone();
        return new Reader() {
            private int[] generated = new int[0];
            private String text = "";

            @Override
            public String add(int id) {
                generated = Arrays.copyOf(generated, generated.length + 1);
                generated[generated.length - 1] = id;
                text = of(head, generated);
                return text;
            }

            @Override
            public String text() {
                return text;
            }
        };
    }

    /**
     * Text as {@code tokenizer.decode} gives it: the decoded prompt tail and continuation minus the
     * decoded prompt tail, so rules that depend on the preceding token (SentencePiece dropping a
     * leading space at the start, bytes of one character split over tokens) see the prompt.
     */
    static ContinuationText of(Tokenizer tokenizer) {
        return new DecodedContinuation(tokenizer);
    }

    /** One continuation's text, grown a token at a time; not thread-safe. */
    interface Reader {
        /** Adds the next generated token and returns the whole continuation's text so far. */
        String add(int id);

        /** The whole continuation's text so far ("" before the first token). */
        String text();

        /** Adds {@code ids} in order and returns the text so far. */
        default String addAll(int[] ids) {
            for (int id : ids) {
                add(id);
            }
            return text();
        }
    }
}
