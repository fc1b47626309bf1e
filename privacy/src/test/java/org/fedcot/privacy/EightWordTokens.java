package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.tokenizer.hf.BpeTrainer;

/**
 * A token set of eight words: a BPE trained here on them, each word's embedding the vector of the same index of
 * {@link Fixtures#small()}.
 */
final class EightWordTokens {
    static final List<String> WORDS = List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel");

    private EightWordTokens() {}

    /** The vocabulary; its set is exactly the eight words. */
    static TokenVocabulary vocabulary() throws EmbeddingsException {
        List<String> corpus = new ArrayList<>(Collections.nCopies(20, ". " + String.join(" ", WORDS)));
        Tokenizer tokenizer =
                new BpeTrainer(400, List.of("<|endoftext|>")).train(corpus).tokenizer();
        double[][] small = Fixtures.vectors(Fixtures.small());
        int dim = small[0].length;
        float[] embeddings = new float[tokenizer.vocabSize() * dim];
        for (int id = 0; id < tokenizer.vocabSize(); id++) {
            int w = WORDS.indexOf(tokenizer.decode(new int[] {id}).strip());
            for (int d = 0; d < dim; d++) {
                // tokens outside the eight words are outside the set anyway
                embeddings[id * dim + d] = w >= 0 ? (float) small[w][d] : 0.5f;
            }
        }
        TokenVocabulary v = TokenVocabulary.of(tokenizer, embeddings, tokenizer.vocabSize(), dim);
        assertEquals(WORDS.size(), v.table().size(), "the token set is the eight words");
        return v;
    }
}
