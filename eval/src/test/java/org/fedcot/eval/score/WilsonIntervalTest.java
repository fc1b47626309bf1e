package org.fedcot.eval.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;
import org.junit.jupiter.api.Test;

class WilsonIntervalTest {
    private static final double Z = 1.959963984540054;

    /** Newcombe (1998), Statistics in Medicine 17:857-872, Table I, method 3 (score interval), to 4 decimals. */
    @Test
    void matchesNewcombesTable() {
        assertBounds(0.2553, 0.3662, WilsonInterval.of95(81, 263));
        assertBounds(0.0624, 0.1605, WilsonInterval.of95(15, 148));
        assertBounds(0.0000, 0.1611, WilsonInterval.of95(0, 20));
        assertBounds(0.0061, 0.1718, WilsonInterval.of95(1, 29));
    }

    @Test
    void matchesCommonsMath() {
        WilsonScoreInterval reference = new WilsonScoreInterval();
        for (int n : new int[] {1, 2, 7, 50, 1221}) {
            for (int k = 0; k <= n; k += Math.max(1, n / 9)) {
                for (double level : new double[] {0.9, 0.95, 0.99}) {
                    ConfidenceInterval want = reference.createInterval(n, k, level);
                    Interval got = WilsonInterval.of(k, n, level);
                    assertEquals(Math.max(0, want.getLowerBound()), got.lower(), 1e-12, k + "/" + n + " at " + level);
                    assertEquals(Math.min(1, want.getUpperBound()), got.upper(), 1e-12, k + "/" + n + " at " + level);
                }
            }
        }
    }

    /** At 0/n and n/n the open bound is exact and the other has the closed form z²/(n+z²) (resp. n/(n+z²)). */
    @Test
    void edgesNoneAndAll() {
        for (int n : new int[] {1, 10, 500}) {
            Interval none = WilsonInterval.of95(0, n);
            assertEquals(0.0, none.lower());
            assertEquals(Z * Z / (n + Z * Z), none.upper(), 1e-14);
            Interval all = WilsonInterval.of95(n, n);
            assertEquals(1.0, all.upper());
            assertEquals(n / (n + Z * Z), all.lower(), 1e-14);
        }
    }

    @Test
    void levelsUseTheNormalQuantile() {
        assertEquals(new NormalDistribution().inverseCumulativeProbability(0.975), Z, 1e-12);
        Interval wide = WilsonInterval.of(30, 60, 0.99);
        Interval narrow = WilsonInterval.of95(30, 60);
        assertEquals(0.5, (wide.lower() + wide.upper()) / 2, 1e-12); // symmetric at p = 1/2
        assertEquals(true, wide.lower() < narrow.lower() && narrow.upper() < wide.upper());
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of95(0, 0));
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of95(5, 4));
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of95(-1, 4));
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(1, 4, 1.0));
    }

    private static void assertBounds(double lower, double upper, Interval got) {
        assertEquals(lower, got.lower(), 5e-5, "lower");
        assertEquals(upper, got.upper(), 5e-5, "upper");
    }
}
