package org.fedcot.privacy;

import java.util.SplittableRandom;

/**
 * Sampling proportionally to exponential-mechanism weights {@code exp(scale * (u_i - max u))}.
 * Subtracting the largest utility first keeps every weight in [0, 1], so no eps overflows
 * (eps = 1e6 just leaves the best outputs with weight 1 and the rest at 0). The weights are stored
 * as running sums; a draw is a uniform point on [0, total) and a binary search, and the exact
 * probability of output i is {@code (cdf[i] - cdf[i-1]) / total}, the very interval the draw uses.
 */
final class CumulativeWeights {
    private final double[] cdf;

    private CumulativeWeights(double[] cdf) {
        this.cdf = cdf;
    }

    /**
     * Weights {@code exp(scale * (utilities[i] - max))}, {@code scale >= 0}. The array is taken over:
     * it becomes the running sums, so a 50,000-word vocabulary costs one array.
     */
    static CumulativeWeights exponential(double[] utilities, double scale) {
        double max = Double.NEGATIVE_INFINITY;
        for (double u : utilities) {
            max = Math.max(max, u);
        }
        Exponentials.shiftedInPlace(utilities, max, scale);
        for (int i = 1; i < utilities.length; i++) {
            utilities[i] += utilities[i - 1];
        }
        return new CumulativeWeights(utilities);
    }

    /** Draws an index i with probability {@code weight_i / total}. */
    int sample(SplittableRandom rng) {
        double u = rng.nextDouble() * cdf[cdf.length - 1];
        // the first i with cdf[i] > u; an index of weight 0 has cdf[i] == cdf[i-1] and is never hit
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The exact probability of each index under {@link #sample}. */
    double[] probabilities() {
        double total = cdf[cdf.length - 1];
        double[] p = new double[cdf.length];
        double previous = 0;
        for (int i = 0; i < cdf.length; i++) {
            p[i] = (cdf[i] - previous) / total;
            previous = cdf[i];
        }
        return p;
    }

    int size() {
        return cdf.length;
    }

    /** These weights as a mechanism's prepared draws, with their exact probabilities (8 bytes a row). */
    OutputDistribution distribution() {
        return new OutputDistribution() {
            @Override
            public int sample(SplittableRandom rng) {
                return CumulativeWeights.this.sample(rng);
            }

            @Override
            public Distribution probabilities(SplittableRandom rng) {
                return Distribution.ofDense(CumulativeWeights.this.probabilities());
            }

            @Override
            public long bytes() {
                return 8L * size();
            }
        };
    }
}
