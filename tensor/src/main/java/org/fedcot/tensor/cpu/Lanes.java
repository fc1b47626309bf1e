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

    private Lanes() {}

    /** The lanes of {@code v} added in the fixed tree order. */
    static float sum(FloatVector v) {
        for (VectorShuffle<Float> fold : FOLDS) {
            v = v.add(v.rearrange(fold));
        }
        return v.lane(0);
    }

    /**
     * The same sum of the {@code L} floats at {@code lanes[off, off + L)}, a vector stored to memory:
     * the same pairs added in the same order as {@link #sum(FloatVector)}, so bit for bit the same.
     * The tree is folded in place.
     */
    static float sum(float[] lanes, int off) {
        if (SPECIES.length() == 16) {
            // AVX-512's tree written out, so the adds stay in registers
            float a0 = lanes[off] + lanes[off + 8];
            float a1 = lanes[off + 1] + lanes[off + 9];
            float a2 = lanes[off + 2] + lanes[off + 10];
            float a3 = lanes[off + 3] + lanes[off + 11];
            float a4 = lanes[off + 4] + lanes[off + 12];
            float a5 = lanes[off + 5] + lanes[off + 13];
            float a6 = lanes[off + 6] + lanes[off + 14];
            float a7 = lanes[off + 7] + lanes[off + 15];
            float b0 = a0 + a4;
            float b1 = a1 + a5;
            float b2 = a2 + a6;
            float b3 = a3 + a7;
            return (b0 + b2) + (b1 + b3);
        }
        for (int width = SPECIES.length() >> 1; width > 0; width >>= 1) {
            for (int j = 0; j < width; j++) {
                lanes[off + j] += lanes[off + j + width];
            }
        }
        return lanes[off];
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
