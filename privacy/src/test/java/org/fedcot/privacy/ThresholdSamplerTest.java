package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bucketed threshold draw gives exactly the table a plain scan of the row defines. */
class ThresholdSamplerTest {
    @Test
    void theConditionalTableIsThePlainSelection() {
        SplittableRandom rng = new SplittableRandom(9);
        float[] sims = new float[5000];
        for (int r = 0; r < sims.length; r++) {
            // many values on and next to bucket edges, where a wrong bucket would show
            int edge = rng.nextInt(ThresholdSampler.BUCKETS);
            float onEdge = (float) (edge * (2.0 / ThresholdSampler.BUCKETS) - 1);
            sims[r] = rng.nextBoolean() ? onEdge : Math.nextUp(onEdge);
        }
        sims[0] = 1;
        ThresholdSampler sampler = new ThresholdSampler(SimilarityRow.of(sims), 2);
        for (int t = 0; t < 200; t++) {
            double s = t == 0 ? 1 : t == 1 ? -1 : sims[rng.nextInt(sims.length)] + (rng.nextBoolean() ? 0 : 1e-9);
            double total = 0;
            for (float c : sims) {
                total += c >= s ? Math.exp(2 * ((double) c - 1)) : 0;
            }
            double[] p = sampler.conditional(s).dense(sims.length);
            for (int r = 0; r < sims.length; r++) {
                double expected = sims[r] >= s ? Math.exp(2 * ((double) sims[r] - 1)) / total : 0;
                assertEquals(expected, p[r], 1e-12 * expected + 1e-15, "s " + s + ", row " + r);
            }
        }
    }

    @Test
    void drawsFollowTheTable() {
        SplittableRandom rng = new SplittableRandom(4);
        float[] sims = new float[300];
        for (int r = 0; r < sims.length; r++) {
            sims[r] = (float) (2 * rng.nextDouble() - 1);
        }
        sims[7] = 1;
        ThresholdSampler sampler = new ThresholdSampler(SimilarityRow.of(sims), 3);
        double s = 0.1;
        long[] counts = new long[sims.length];
        for (int i = 0; i < 30_000; i++) {
            counts[sampler.sample(s, rng)]++;
        }
        Stats.assertFits("threshold sampler s=0.1", sampler.conditional(s).dense(sims.length), counts);
    }

    @Test
    void theMeanConditionalAveragesTheExactTables() {
        SplittableRandom rng = new SplittableRandom(2);
        float[] sims = new float[500];
        for (int r = 0; r < sims.length; r++) {
            sims[r] = (float) (2 * rng.nextDouble() - 1);
        }
        sims[0] = 1;
        ThresholdSampler sampler = new ThresholdSampler(SimilarityRow.of(sims), 1.5);
        double[] thresholds = {-0.5, 0.2, 0.9};
        double[] expected = new double[sims.length];
        for (double s : thresholds) {
            double[] p = sampler.conditional(s).dense(sims.length);
            for (int r = 0; r < p.length; r++) {
                expected[r] += p[r] / thresholds.length;
            }
        }
        int[] next = {0};
        double[] mean = sampler.meanConditional(() -> thresholds[next[0]++], thresholds.length);
        for (int r = 0; r < sims.length; r++) {
            assertEquals(expected[r], mean[r], 1e-14, "row " + r);
        }
    }
}
