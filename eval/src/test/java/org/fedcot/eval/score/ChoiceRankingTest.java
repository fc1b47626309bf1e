package org.fedcot.eval.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** acc and acc_norm on hand-made log-likelihoods. */
class ChoiceRankingTest {
    @Test
    void accTakesTheLargestLoglikelihood() {
        assertEquals(2, ChoiceRanking.byLoglikelihood(new double[] {-3, -2.5, -1, -7}));
        assertEquals(0, ChoiceRanking.byLoglikelihood(new double[] {-1, -1, -2}), "ties go to the first");
    }

    @Test
    void accNormDividesByBytesAndCanDisagreeWithAcc() {
        List<String> choices = List.of("a", "bbbb");
        double[] logliks = {-2, -3};
        // acc: -2 > -3; acc_norm: -2/1 = -2 < -3/4 = -0.75
        ChoicePrediction p = ChoicePrediction.of("x", 1, logliks, choices);
        assertEquals(0, p.predicted());
        assertEquals(1, p.predictedNorm());
        assertFalse(p.correct());
        assertTrue(p.correctNorm());
    }

    /** "naïve" is 5 characters but 6 bytes: per byte it wins, per character (the harness's len) it would not. */
    @Test
    void multiByteCharactersCountTheirBytes() {
        List<String> choices = List.of("naïve", "naive");
        double[] logliks = {-6.0, -5.5};
        assertEquals(1, ChoiceRanking.byLoglikelihood(logliks));
        // bytes: -6/6 = -1.0 > -5.5/5 = -1.1; characters would give -6/5 = -1.2 < -1.1
        assertEquals(0, ChoiceRanking.byLoglikelihoodPerByte(logliks, choices));
        // three bytes per CJK character: -4/3 > -1.5/1
        assertEquals(0, ChoiceRanking.byLoglikelihoodPerByte(new double[] {-4, -1.5}, List.of("猫", "a")));
    }

    @Test
    void rejectsMismatchedOrEmptyChoices() {
        assertThrows(IllegalArgumentException.class, () -> ChoiceRanking.byLoglikelihood(new double[0]));
        assertThrows(
                IllegalArgumentException.class,
                () -> ChoiceRanking.byLoglikelihoodPerByte(new double[] {-1}, List.of("a", "b")));
        assertThrows(
                IllegalArgumentException.class,
                () -> ChoiceRanking.byLoglikelihoodPerByte(new double[] {-1, -2}, List.of("a", "")));
    }
}
