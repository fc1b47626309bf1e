package org.fedcot.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sum of a vector's lanes in one fixed order, a pairwise tree: lane j plus lane j + L/2, then
 * j + L/4, and so on. {@code reduceLanes(ADD)} may add them in any order, and interpreted and compiled
 * code need not agree; kernels whose results must not depend on how they are called (a row decoded
 * alone or inside a batch) use this instead.
 */
final class Lanes {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** {@code FOLDS[i]} moves lane {@code j + (L >> (i + 1))} to lane j: the steps of the tree. */
    private static final VectorShuffle<Float>[] FOLDS = folds();

    private Lanes() {
    }

    /** The lanes of {@code v} added in the fixed tree order. */
    static float sum(FloatVector v) {
        for (VectorShuffle<Float> fold : FOLDS) {
            v = v.add(v.rearrange(fold));
        }
        return v.lane(0);
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] folds() {
        int length = SPECIES.length();
        int steps = Integer.numberOfTrailingZeros(length);
        VectorShuffle<Float>[] folds = new VectorShuffle[steps];
        for (int i = 0; i < steps; i++) {
            // lanes past the live half wrap around and fill with sums nobody reads
            folds[i] = VectorShuffle.iota(SPECIES, length >> (i + 1), 1, true);
        }
        return folds;
    }
}
