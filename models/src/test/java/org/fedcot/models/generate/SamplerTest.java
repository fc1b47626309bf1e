package org.fedcot.models.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sampler's laws: greedy is the argmax, low temperature tends to it, top-k and top-p keep exactly
 * the tokens their definitions name, and seeded draws follow the renormalised softmax (chi-square).
 */
class SamplerTest {
    /** Distinct probabilities, the largest not first, so no rule is right by accident of order. */
    private static final float[] LOGITS = {1.0f, 2.5f, -0.5f, 0.3f, 2.0f, -2.0f, 1.4f, 0.0f};
    /** chi-square quantile 0.999 for 1..7 degrees of freedom: a correct sampler fails 1 run in 1000 seeds. */
    private static final double[] CHI2_999 = {10.83, 13.82, 16.27, 18.47, 20.52, 22.46, 24.32};

    private static final int DRAWS = 200_000;

    @Test
    void greedyIsTheArgmaxFirstOnTies() {
        float[] x = {0.1f, 3f, -2f, 3f, 1f};
        assertEquals(1, Sampler.greedy().sample(x, 0, x.length));
        assertEquals(3, Sampler.greedy().sample(x, 2, 3) + 2, "an offset row");
        double[] p = Sampler.greedy().probabilities(x, 0, x.length);
        assertArrayEquals(new double[] {0, 1, 0, 0, 0}, p);
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 100; trial++) {
            float[] r = new float[50];
            for (int i = 0; i < r.length; i++) {
                r[i] = (float) rng.nextGaussian() * 5;
            }
            int argmax = IntStream.range(0, r.length)
                    .reduce((a, b) -> r[b] > r[a] ? b : a)
                    .orElseThrow();
            assertEquals(argmax, Sampler.greedy().sample(r, 0, r.length));
        }
    }

    @Test
    void lowTemperatureTendsToTheArgmax() {
        double previous = 0;
        for (double t : new double[] {2, 1, 0.5, 0.1, 0.01, 1e-4}) {
            double pMax = new Sampler(new SamplingParams(t, 0, 1), 1).probabilities(LOGITS, 0, LOGITS.length)[1];
            assertTrue(pMax > previous || pMax == 1, "p(argmax) grows as the temperature falls: " + pMax + " at " + t);
            previous = pMax;
        }
        assertEquals(1.0, previous, 1e-12);
        Sampler cold = new Sampler(new SamplingParams(1e-3, 0, 1), 7);
        for (int i = 0; i < 1000; i++) {
            assertEquals(1, cold.sample(LOGITS, 0, LOGITS.length));
        }
    }

    @Test
    void extremeLogitsStayFinite() {
        float[] x = {1e30f, -1e30f, 1e30f * 0.999f, Float.MAX_VALUE / 2, 0f};
        for (double t : new double[] {1e-6, 1, 100}) {
            double[] p = new Sampler(new SamplingParams(t, 0, 0.95), 1).probabilities(x, 0, x.length);
            assertEquals(1.0, Arrays.stream(p).sum(), 1e-12, "sums to 1 at temperature " + t);
            assertTrue(Arrays.stream(p).allMatch(Double::isFinite), Arrays.toString(p));
        }
    }

    @ParameterizedTest
    @CsvSource({"1,1", "2,1", "3,1", "7,1", "8,1", "20,1", "0,0.5", "0,0.6", "0,0.75", "0,0.9", "0,0.999", "3,0.8"})
    void topKAndTopPKeepExactlyTheirTokens(int topK, double topP) {
        double t = 0.9;
        double[] p = new Sampler(new SamplingParams(t, topK, topP), 1).probabilities(LOGITS, 0, LOGITS.length);
        double[] expected = reference(LOGITS, t, topK, topP);
        assertArrayEquals(expected, p, 1e-12, "top-k " + topK + ", top-p " + topP);
    }

    @Test
    void topKKeepsTiesAtTheThresholdAsHuggingFaceDoes() {
        float[] x = {1f, 3f, 2f, 2f, 0f};
        double[] p = new Sampler(new SamplingParams(1, 2, 1), 1).probabilities(x, 0, x.length);
        assertTrue(p[1] > 0 && p[2] > 0 && p[3] > 0 && p[0] == 0 && p[4] == 0, Arrays.toString(p));
        assertEquals(p[2], p[3], 0);
    }

    @Test
    void theNucleusIncludesTheTokenThatCrossesP() {
        // probabilities 0.5, 0.3, 0.15, 0.05: p = 0.7 needs the first two, p = 0.85 three, p = 0.4 one
        float[] x = {(float) Math.log(0.15), (float) Math.log(0.5), (float) Math.log(0.05), (float) Math.log(0.3)};
        assertEquals(2, support(x, 0.7));
        assertEquals(3, support(x, 0.85));
        assertEquals(1, support(x, 0.4));
        assertEquals(4, support(x, 0.99));
    }

    @Test
    void theNucleusCountsTheMassOfTheManyUnlikelyTokens() {
        // 0.5, 0.3, then 10000 tokens of 2e-5 each: p = 0.55 needs the first two, as 0.5 < 0.55 of the whole
        float[] x = new float[10_002];
        Arrays.fill(x, (float) Math.log(2e-5));
        x[0] = (float) Math.log(0.5);
        x[1] = (float) Math.log(0.3);
        assertEquals(2, support(x, 0.55));
    }

    @ParameterizedTest
    @CsvSource({"0,0.3", "0,0.9", "0,0.99", "50,1", "50,0.9", "3000,0.95"})
    void aLargeVocabularyMatchesTheDefinition(int topK, double topP) {
        SplittableRandom rng = new SplittableRandom(topK * 31L + (long) (topP * 1000));
        float[] x = new float[5000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (3 * rng.nextGaussian());
        }
        double[] p = new Sampler(new SamplingParams(1.1, topK, topP), 1).probabilities(x, 0, x.length);
        assertArrayEquals(reference(x, 1.1, topK, topP), p, 1e-12);
    }

    private static long support(float[] x, double topP) {
        return Arrays.stream(new Sampler(new SamplingParams(1, 0, topP), 1).probabilities(x, 0, x.length))
                .filter(v -> v > 0)
                .count();
    }

    @ParameterizedTest
    @CsvSource({"1.0,0,1", "0.7,0,1", "1.3,4,1", "1.0,0,0.8", "0.8,5,0.9"})
    void seededDrawsFollowTheDistribution(double t, int topK, double topP) {
        Sampler sampler = new Sampler(new SamplingParams(t, topK, topP), 20240601L);
        double[] expected = reference(LOGITS, t, topK, topP);
        long[] counts = new long[LOGITS.length];
        for (int i = 0; i < DRAWS; i++) {
            counts[sampler.sample(LOGITS, 0, LOGITS.length)]++;
        }
        double chi2 = 0;
        int cells = 0;
        for (int i = 0; i < counts.length; i++) {
            if (expected[i] == 0) {
                assertEquals(0, counts[i], "token " + i + " is outside the support but was drawn");
                continue;
            }
            double e = expected[i] * DRAWS;
            chi2 += (counts[i] - e) * (counts[i] - e) / e;
            cells++;
        }
        assertTrue(cells >= 2, "the test needs at least two cells");
        assertTrue(
                chi2 < CHI2_999[cells - 2],
                "chi-square " + chi2 + " with " + (cells - 1) + " degrees of freedom; counts " + Arrays.toString(counts)
                        + " expected " + Arrays.toString(expected));
    }

    @Test
    void theSameSeedGivesTheSameDraws() {
        SamplingParams params = new SamplingParams(1, 0, 0.95);
        Sampler a = new Sampler(params, 42);
        Sampler b = new Sampler(params, 42);
        for (int i = 0; i < 200; i++) {
            assertEquals(a.sample(LOGITS, 0, LOGITS.length), b.sample(LOGITS, 0, LOGITS.length));
        }
    }

    @Test
    void badParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(-1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(Double.NaN, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(1, 0, 1.5));
        assertThrows(IllegalArgumentException.class, () -> Sampler.greedy().sample(LOGITS, 4, 5));
    }

    /**
     * The textbook definitions, written independently of the sampler: softmax of logits / t; top-k keeps
     * values >= the k-th largest; top-p keeps, by descending probability, tokens whose predecessors'
     * mass is below p; then renormalise.
     */
    private static double[] reference(float[] logits, double t, int topK, double topP) {
        int n = logits.length;
        double[] p = new double[n];
        double z = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp(logits[i] / t);
            z += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= z;
        }
        Integer[] order = IntStream.range(0, n)
                .boxed()
                .sorted((a, b) -> Double.compare(p[b], p[a]))
                .toArray(Integer[]::new);
        boolean[] keep = new boolean[n];
        Arrays.fill(keep, true);
        if (topK > 0 && topK < n) {
            double kth = logits[order[topK - 1]];
            for (int i = 0; i < n; i++) {
                keep[i] = logits[i] >= kth;
            }
        }
        renormalise(p, keep);
        if (topP < 1) {
            double before = 0;
            for (int i : order) {
                if (keep[i]) {
                    keep[i] = before < topP;
                    before += p[i];
                }
            }
            renormalise(p, keep);
        }
        return p;
    }

    private static void renormalise(double[] p, boolean[] keep) {
        double z = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = keep[i] ? p[i] : 0;
            z += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= z;
        }
    }
}
