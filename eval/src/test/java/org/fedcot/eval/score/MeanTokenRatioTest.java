package org.fedcot.eval.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeanTokenRatioTest {
    @Test
    void averagesThePairs() {
        // "a cat sat" against "a dog sat": 2 of 3 words kept; an unchanged prompt keeps all
        assertEquals(
                (2.0 / 3 + 1) / 2,
                MeanTokenRatio.of(List.of("a cat sat", "hello there"), List.of("a dog sat", "hello there")),
                1e-12);
        assertThrows(IllegalArgumentException.class, () -> MeanTokenRatio.of(List.of("a"), List.of()));
    }
}
