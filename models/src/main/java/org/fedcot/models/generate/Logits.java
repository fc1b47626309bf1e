package org.fedcot.models.generate;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Numerically stable reductions over one row of logits, {@code x[off, off + n)}. */
final class Logits {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private Logits() {}

    /**
     * The index (relative to off) of the largest value; the first one on ties, as run.c and torch do.
     * A vector pass finds the maximum and a second the first lane equal to it: a decode step takes the
     * argmax of every row's whole vocabulary, and the scalar loop's compare-and-branch per logit cost
     * as much as attention. A row holding a NaN keeps the scalar loop's answer (NaNs are never larger).
     */
    static int argmax(float[] x, int off, int n) {
        int nv = n - n % L;
        if (nv == 0) {
            return scalarArgmax(x, off, n);
        }
        FloatVector mv = FloatVector.fromArray(S, x, off);
        for (int i = L; i < nv; i += L) {
            mv = mv.max(FloatVector.fromArray(S, x, off + i));
        }
        float max = mv.reduceLanes(VectorOperators.MAX); // max is exact whatever the order
        for (int i = nv; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }
        if (Float.isNaN(max)) {
            return scalarArgmax(x, off, n);
        }
        for (int i = 0; i < nv; i += L) {
            VectorMask<Float> hit = FloatVector.fromArray(S, x, off + i).eq(max);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        int i = nv;
        while (x[off + i] != max) {
            i++;
        }
        return i;
    }

    private static int scalarArgmax(float[] x, int off, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (x[off + i] > x[off + best]) {
                best = i;
            }
        }
        return best;
    }

    /** The largest value. */
    static float max(float[] x, int off, int n) {
        return x[off + argmax(x, off, n)];
    }

    /** {@code log(sum exp(x))}, shifted by the maximum so no term overflows; in double. */
    static double logSumExp(float[] x, int off, int n) {
        double max = max(x, off, n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp((double) x[off + i] - max);
        }
        return max + Math.log(sum);
    }
}
