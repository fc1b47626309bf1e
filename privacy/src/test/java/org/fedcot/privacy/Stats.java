package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/** Goodness-of-fit checks of a sampler against the exact probabilities it should follow. */
final class Stats {
    /** The significance level the tests use: a correct sampler fails one in a thousand seeds. */
    static final double ALPHA = 0.001;
    /** Smallest expected count of a chi-square cell; rarer outputs are pooled, in row order, into cells this big. */
    private static final double MIN_EXPECTED = 5;

    private Stats() {}

    /** How often each row came out in {@code n} draws. */
    static long[] counts(OutputDistribution d, int rows, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[] counts = new long[rows];
        for (int i = 0; i < n; i++) {
            counts[d.sample(rng)]++;
        }
        return counts;
    }

    /**
     * The chi-square p-value of {@code observed} counts against probabilities {@code p} (by row).
     * Rows expected fewer than 5 times are pooled, in row order, into cells expected at least 5 times
     * (a grouping fixed by p alone, so the test stays valid); a row of probability 0 that came out
     * fails at once.
     */
    static double chiSquare(double[] p, long[] observed) {
        long n = 0;
        for (long o : observed) {
            n += o;
        }
        List<Double> expected = new ArrayList<>();
        List<Long> seen = new ArrayList<>();
        double restExpected = 0;
        long restSeen = 0;
        for (int r = 0; r < p.length; r++) {
            if (p[r] == 0) {
                assertEquals(0, observed[r], "row " + r + " has probability 0 but came out");
            } else if (p[r] * n >= MIN_EXPECTED) {
                expected.add(p[r] * n);
                seen.add(observed[r]);
            } else {
                restExpected += p[r] * n;
                restSeen += observed[r];
                if (restExpected >= MIN_EXPECTED) {
                    expected.add(restExpected);
                    seen.add(restSeen);
                    restExpected = 0;
                    restSeen = 0;
                }
            }
        }
        if (restExpected > 0) {
            expected.add(restExpected);
            seen.add(restSeen);
        }
        assertTrue(expected.size() >= 2, "a chi-square test needs two cells; the distribution is a point mass");
        return new ChiSquareTest()
                .chiSquareTest(
                        expected.stream().mapToDouble(Double::doubleValue).toArray(),
                        seen.stream().mapToLong(Long::longValue).toArray());
    }

    /** Asserts the fit and prints the p-value (the report quotes them). */
    static void assertFits(String what, double[] p, long[] observed) {
        double pValue = chiSquare(p, observed);
        System.out.printf("chi-square %s: p = %.4f%n", what, pValue);
        assertTrue(pValue > ALPHA, what + ": chi-square p = " + pValue);
    }
}
