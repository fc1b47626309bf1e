package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** TokenRatio(r', r) = |{unique words of r' that occur in r}| / |unique words of r'|. */
class TokenRatioTest {
    @Test
    void countsUniqueLowerCaseWordsOfThePerturbedText() {
        // u = {the, lake, is, wide}, of which "the", "is" and "wide" occur in r: 3 / 4
        assertEquals(0.75, TokenRatio.of("The lake is wide, the LAKE!", "the river is wide"), 1e-12);
        assertEquals(1, TokenRatio.of("River.", "the river"), 1e-12);
        assertEquals(0, TokenRatio.of("stream", "the river"), 1e-12);
    }

    @Test
    void numbersAreWordsAndPunctuationIsNot() {
        assertEquals(Set.of("it's", "3.5", "km"), TokenRatio.words("It’s 3.5 km --"));
        assertEquals(0.5, TokenRatio.of("42 apples", "42 pears"), 1e-12);
    }

    @Test
    void aTextWithoutWordsHasRatioOne() {
        assertEquals(1, TokenRatio.of("?!", "anything"), 1e-12);
    }
}
