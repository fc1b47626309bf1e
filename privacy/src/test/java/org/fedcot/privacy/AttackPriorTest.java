package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The counted priors equal a hand count of a tiny public text, plus one per row. */
class AttackPriorTest {
    private static final double EXACT = 1e-12;

    @Test
    void wordsAreCountedCaseFoldedAndUnknownWordsAndNumbersAreNot() {
        EmbeddingTable table = Fixtures.small();
        AttackPrior prior = AttackPrior.counted(table, List.of("Alpha beta, alpha! zulu 42", "gamma beta"));
        // alpha 2 + 1, beta 2 + 1, gamma 1 + 1, the five other rows 0 + 1: 13 in all
        assertEquals(3.0 / 13, prior.probability(table.row("alpha")), EXACT);
        assertEquals(3.0 / 13, prior.probability(table.row("beta")), EXACT);
        assertEquals(2.0 / 13, prior.probability(table.row("gamma")), EXACT);
        for (String word : List.of("delta", "epsilon", "zeta", "eta", "theta")) {
            assertEquals(1.0 / 13, prior.probability(table.row(word)), EXACT, word);
        }
        assertTrue(
                prior.description().startsWith("word frequencies counted over 2 public prompts"), prior.description());
    }

    @Test
    void tokensOfTheSetAreCountedAsTheTokenizerEncodesThem() throws EmbeddingsException {
        TokenVocabulary v = EightWordTokens.vocabulary();
        // " Alpha" is no token of the set (the tokenizer cuts it into other pieces), nor are "zulu"'s pieces
        AttackPrior prior = AttackPrior.counted(v, List.of(". alpha bravo alpha", ". golf Alpha zulu"));
        // alpha 2 + 1, bravo 1 + 1, golf 1 + 1, the five other words 0 + 1: 12 in all
        for (int row = 0; row < v.table().size(); row++) {
            String word = v.word(v.id(row));
            double count =
                    switch (word) {
                        case "alpha" -> 3;
                        case "bravo", "golf" -> 2;
                        default -> 1;
                    };
            assertEquals(count / 12, prior.probability(row), EXACT, word);
        }
        assertTrue(
                prior.description().startsWith("token frequencies counted over 2 public prompts"), prior.description());
    }

    @Test
    void withoutPublicTextEveryRowIsEquallyLikely() {
        AttackPrior prior = AttackPrior.counted(Fixtures.small(), List.of());
        for (int row = 0; row < prior.size(); row++) {
            assertEquals(1.0 / 8, prior.probability(row), EXACT);
        }
    }
}
