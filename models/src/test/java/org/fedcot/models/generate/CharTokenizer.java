package org.fedcot.models.generate;

import java.util.OptionalInt;
import org.fedcot.models.tokenizer.Tokenizer;

/** A tokenizer of one character per id, to read a tiny random model's tokens as text. */
final class CharTokenizer implements Tokenizer {
    /** 37 characters: the vocabulary of {@code TestModels.tiny}. */
    static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789 ";

    @Override
    public int[] encode(String text, boolean addSpecial) {
        return text.chars().map(ALPHABET::indexOf).toArray();
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            sb.append(ALPHABET.charAt(id));
        }
        return sb.toString();
    }

    @Override
    public int vocabSize() {
        return ALPHABET.length();
    }

    @Override
    public String token(int id) {
        return String.valueOf(ALPHABET.charAt(id));
    }

    @Override
    public OptionalInt bosId() {
        return OptionalInt.empty();
    }

    @Override
    public OptionalInt eosId() {
        return OptionalInt.empty();
    }
}
