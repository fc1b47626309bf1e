package org.fedcot.eval.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** The exact McNemar p-value against cases worked out by hand, and the normal approximation for large counts. */
class McNemarTest {
    @Test
    void smallCasesMatchTheBinomialSumsByHand() {
        // 2 * (1/2)^5
        assertEquals(0.0625, new McNemar(0, 5).p(), 1e-12);
        assertEquals(0.0625, new McNemar(5, 0).p(), 1e-12);
        // 2 * (C(10,0) + C(10,1)) / 2^10 = 22/1024
        assertEquals(22.0 / 1024, new McNemar(1, 9).p(), 1e-12);
        // 2 * (1 + 8 + 28) / 256 = 74/256
        assertEquals(74.0 / 256, new McNemar(6, 2).p(), 1e-12);
        assertTrue(new McNemar(1, 9).significant());
        assertFalse(new McNemar(0, 5).significant());
    }

    @Test
    void equalCountsAndNoDiscordantPairsGiveOne() {
        assertEquals(1.0, new McNemar(7, 7).p(), 1e-12);
        assertEquals(1.0, new McNemar(0, 0).p());
        assertEquals(1.0, new McNemar(40, 40).p(), 1e-12);
    }

    @Test
    void largeCountsAgreeWithTheContinuityCorrectedNormalApproximation() {
        McNemar t = new McNemar(300, 360);
        double z = (Math.abs(300 - 360) - 1) / Math.sqrt(660);
        double normal = 2 * (1 - new NormalDistribution(null, 0, 1).cumulativeProbability(z));
        assertEquals(normal, t.p(), 0.02 * normal);
        assertTrue(t.p() > 0.02 && t.p() < 0.03, "p " + t.p());
    }

    @Test
    void countsComeFromTheDiscordantPairsAndAddUpOverSeeds() {
        McNemar t = McNemar.of(List.of(true, true, false, false, true), List.of(false, true, true, false, false));
        assertEquals(new McNemar(2, 1), t);
        assertEquals(new McNemar(3, 6), t.plus(new McNemar(1, 5)));
        assertThrows(IllegalArgumentException.class, () -> McNemar.of(List.of(true), List.of()));
    }
}
