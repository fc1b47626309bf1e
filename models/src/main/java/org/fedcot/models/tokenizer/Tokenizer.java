package org.fedcot.models.tokenizer;

import java.util.OptionalInt;

/**
 * Text to token ids and back, exactly as the reference implementation of the tokenizer's format
 * does it (Hugging Face tokenizers for tokenizer.json, llama2.c's run.c for tokenizer.bin).
 */
public interface Tokenizer {
    /**
     * Encodes {@code text}. Special tokens written in the text are always recognised as such;
     * {@code addSpecial} decides whether the format's BOS/EOS template is applied around the result.
     */
    int[] encode(String text, boolean addSpecial);

    /** Decodes ids back to text, byte-exact (no clean-up of spaces). */
    String decode(int[] ids);

    /** Number of ids, added tokens included. */
    int vocabSize();

    /** The token's string as the vocabulary stores it (e.g. "Ġthe", "▁the", "<0x0A>"). */
    String token(int id);

    /** Id of the beginning-of-sequence token, when the tokenizer has one. */
    OptionalInt bosId();

    /** Id of the end-of-sequence token, when the tokenizer has one. */
    OptionalInt eosId();
}
