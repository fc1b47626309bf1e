package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.EnumeratedIntegerDistribution;
import org.apache.commons.math3.distribution.LaplaceDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * RanText, the reference mechanism. What is exact: given the threshold s*, the draw is an
 * exponential mechanism over the rows with cos >= s*, and {@link RanText.Input#conditional} is that
 * table exactly; it is checked against the definition and the conditional draws against it. The
 * law of s* = cos(v, v + Laplace noise) has no closed form, so the unconditional distribution is
 * checked in distribution: against a simulation of the definition written here independently
 * (commons-math Laplace and categorical samplers on another generator), by a two-sample chi-square
 * test on the outputs and a two-sample Kolmogorov-Smirnov test on the thresholds.
 */
class RanTextTest {
    private static final double EPS = 3;

    private static RanText.Input input(EmbeddingTable t, RanText mechanism, int x) {
        return (RanText.Input) new PerturbationEngine(mechanism, t, 1 << 24).distribution(x);
    }

    /** A threshold near {@code target} halfway between two of x's similarities, so float rounding cannot move a row across it. */
    private static double between(double[][] v, int x, double target) {
        double[] sims = Definitions.similarities(v, x);
        Arrays.sort(sims);
        int i = 1;
        while (i < sims.length - 1 && sims[i] < target) {
            i++;
        }
        return (sims[i - 1] + sims[i]) / 2;
    }

    @Test
    void theConditionalTableIsTheDefinition() {
        assertConditionalTables(Fixtures.small(), 2);
        assertConditionalTables(MadeGlove.table(), MadeGlove.row("river"));
    }

    @Test
    void theConditionalTableIsTheDefinitionOnGlove() {
        assertConditionalTables(Fixtures.glove(), Fixtures.row("river"));
    }

    private static void assertConditionalTables(EmbeddingTable t, int x) {
        double[][] v = Fixtures.vectors(t);
        RanText.Input in = input(t, new RanText(EPS, t), x);
        for (double target : new double[] {-1, 0, 0.3, 0.6, 0.99}) {
            double s = between(v, x, target);
            double[] expected = Definitions.rantextGiven(v, x, s, EPS);
            double[] actual = in.conditional(s).dense(t.size());
            for (int r = 0; r < t.size(); r++) {
                assertEquals(expected[r], actual[r], 1e-6 * expected[r] + 1e-12, "s " + s + ", row " + r);
            }
        }
    }

    @Test
    void conditionalDrawsFollowTheTable() {
        EmbeddingTable small = Fixtures.small();
        RanText.Input in = input(small, new RanText(EPS, small), 0);
        checkConditional("rantext small x=0 s=-0.5", in, small.size(), -0.5);
        EmbeddingTable made = MadeGlove.table();
        double[][] m = Fixtures.vectors(made);
        int madeRiver = MadeGlove.row("river");
        RanText.Input madeIn = input(made, new RanText(EPS, made), madeRiver);
        checkConditional("rantext made river s~0.3", madeIn, made.size(), between(m, madeRiver, 0.3));
        checkConditional("rantext made river s~0.05", madeIn, made.size(), between(m, madeRiver, 0.05));
    }

    @Test
    void conditionalDrawsFollowTheTableOnGlove() {
        EmbeddingTable glove = Fixtures.glove();
        double[][] v = Fixtures.vectors(glove);
        int river = Fixtures.row("river");
        RanText.Input riverIn = input(glove, new RanText(EPS, glove), river);
        checkConditional("rantext glove river s~0.45", riverIn, glove.size(), between(v, river, 0.45));
        checkConditional("rantext glove river s~0.05", riverIn, glove.size(), between(v, river, 0.05));
    }

    private static void checkConditional(String what, RanText.Input in, int rows, double s) {
        SplittableRandom rng = new SplittableRandom(what.hashCode());
        long[] counts = new long[rows];
        for (int i = 0; i < 20_000; i++) {
            counts[in.sample(s, rng)]++;
        }
        Stats.assertFits(what, in.conditional(s).dense(rows), counts);
    }

    @Test
    void theWholeMechanismMatchesAnIndependentSimulationOfTheDefinition() {
        EmbeddingTable t = Fixtures.small();
        double[][] v = Fixtures.vectors(t);
        double[] scale = Definitions.ranges(v);
        for (int d = 0; d < scale.length; d++) {
            scale[d] = 2 * scale[d] / EPS;
        }
        int n = 20_000;
        for (int x : new int[] {0, 3, 7}) {
            RanText.Input in = input(t, new RanText(EPS, t), x);
            double[] codeScales = new RanText(EPS, t).laplaceScales();
            for (int d = 0; d < scale.length; d++) {
                assertEquals(scale[d], codeScales[d], 1e-6 * scale[d], "Laplace scale of dimension " + d);
            }
            SplittableRandom rng = new SplittableRandom(x);
            long[] code = new long[t.size()];
            double[] codeThresholds = new double[n];
            for (int i = 0; i < n; i++) {
                codeThresholds[i] = in.threshold(rng);
                code[in.sample(codeThresholds[i], rng)]++;
            }
            Well19937c other = new Well19937c(1000 + x);
            long[] simulated = new long[t.size()];
            double[] simulatedThresholds = new double[n];
            for (int i = 0; i < n; i++) {
                double[] noisy = v[x].clone();
                for (int d = 0; d < noisy.length; d++) {
                    noisy[d] += new LaplaceDistribution(other, 0, scale[d]).sample();
                }
                simulatedThresholds[i] = Definitions.cos(v[x], noisy);
                double[] p = Definitions.rantextGiven(v, x, simulatedThresholds[i], EPS);
                simulated[
                        new EnumeratedIntegerDistribution(
                                        other, IntStream.range(0, p.length).toArray(), p)
                                .sample()]++;
            }
            double outputs = twoSample(code, simulated);
            double thresholds = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(codeThresholds, simulatedThresholds);
            System.out.printf(
                    "rantext small x=%d vs independent simulation: outputs chi-square p = %.4f,"
                            + " thresholds KS p = %.4f%n",
                    x, outputs, thresholds);
            assertTrue(outputs > Stats.ALPHA, "outputs p = " + outputs);
            assertTrue(thresholds > Stats.ALPHA, "thresholds p = " + thresholds);
        }
    }

    /** Two-sample chi-square p-value, outputs neither sample produced left out. */
    private static double twoSample(long[] a, long[] b) {
        int[] seen = IntStream.range(0, a.length).filter(r -> a[r] + b[r] > 0).toArray();
        return new ChiSquareTest()
                .chiSquareTestDataSetsComparison(
                        Arrays.stream(seen).mapToLong(r -> a[r]).toArray(),
                        Arrays.stream(seen).mapToLong(r -> b[r]).toArray());
    }

    @Test
    void laplaceDrawsFollowTheLaplaceDistribution() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] x = new double[20_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = Laplace.sample(rng, 0.7);
        }
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new LaplaceDistribution(0, 0.7), x);
        System.out.printf("laplace KS: p = %.4f%n", p);
        assertTrue(p > Stats.ALPHA, "KS p = " + p);
    }

    @Test
    void theCandidateSetDependsOnTheInput() {
        // Given the same threshold, an output can be possible from one word and impossible from its
        // neighbour: the ratio Pr[r | x] / Pr[r | x'] is unbounded, so no eps-DP bound holds.
        EmbeddingTable t = Fixtures.small();
        RanText mechanism = new RanText(EPS, t);
        double s = 0.75;
        double[] fromAlpha = input(t, mechanism, 0).conditional(s).dense(t.size());
        double[] fromBeta = input(t, mechanism, 1).conditional(s).dense(t.size());
        int gamma = 2; // cos(beta, gamma) = 0.89 >= s > cos(alpha, gamma) = 0.70
        assertTrue(fromBeta[gamma] > 0.1, "from beta: " + fromBeta[gamma]);
        assertEquals(0, fromAlpha[gamma]);
    }

    @Test
    void deltaUOfOneLetsTheExponentialStepExceedEpsUpToTwiceIt() {
        // Over one fixed candidate set, cosine's range of 2 makes the exponential step 2 eps-DP, not
        // eps-DP: a = (1, 0), b = (-1, 0) and c next to a, every row a candidate (s = -1).
        double theta = 0.01;
        EmbeddingTable t = EmbeddingTable.of(
                List.of("a", "b", "c"), new float[] {1, 0, -1, 0, (float) Math.cos(theta), (float) Math.sin(theta)}, 2);
        RanText mechanism = new RanText(EPS, t);
        double fromB = input(t, mechanism, 1).conditional(-1).probabilityOf(1);
        double fromA = input(t, mechanism, 0).conditional(-1).probabilityOf(1);
        double logRatio = Math.log(fromB / fromA);
        assertTrue(logRatio > EPS * 1.1 && logRatio <= 2 * EPS, "log ratio " + logRatio);
    }

    @Test
    void theEstimatedMarginalIsADistributionOverManyOutputs() {
        EmbeddingTable t = Fixtures.glove();
        Distribution d = input(t, new RanText(EPS, t), Fixtures.row("river")).probabilities(new SplittableRandom(1));
        assertEquals(1, Arrays.stream(d.probabilities()).sum(), 1e-9);
        assertTrue(d.size() > 1000, d.size() + " outputs");
    }
}
