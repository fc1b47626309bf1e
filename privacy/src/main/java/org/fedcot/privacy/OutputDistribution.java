package org.fedcot.privacy;

import java.util.SplittableRandom;

/**
 * A mechanism prepared for one input word: everything that depends only on the input, computed
 * once, so each further draw is cheap. Made by {@link Mechanism#prepare}; kept in a bounded cache.
 */
public interface OutputDistribution {
    /** Draws one output row. */
    int sample(SplittableRandom rng);

    /**
     * The output distribution. Exact for SanText and CusText. RanText's depends on a random
     * threshold, so it returns the mean of its exact conditional tables over
     * {@link RanText#MARGINAL_DRAWS} thresholds drawn from {@code rng} (the others ignore it).
     */
    Distribution probabilities(SplittableRandom rng);

    /** Rough heap footprint, which the cache bounds. */
    long bytes();
}
