package org.fedcot.models.tokenizer.hf;

import java.util.function.Consumer;

/** A tokenizer.json pre-tokenizer step: splits a piece of text into smaller pieces. */
@FunctionalInterface
interface PreTokenizer {
    /** Passes the non-empty pieces of {@code text} to {@code out}, in order. */
    void split(String text, Consumer<String> out);

    /** This step, then {@code next} on each piece (HF's Sequence). */
    default PreTokenizer then(PreTokenizer next) {
        return (text, out) -> split(text, piece -> next.split(piece, out));
    }
}
