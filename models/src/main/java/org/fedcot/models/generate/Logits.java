package org.fedcot.models.generate;

/** Numerically stable reductions over one row of logits, {@code x[off, off + n)}. */
final class Logits {
    private Logits() {}

    /**
     * The index (relative to off) of the largest value; the first one on ties, as run.c and torch do.
     * Two branch-free passes, the maximum and then the first value equal to it, rather than one loop with
     * a data-dependent branch per logit: the JIT turns the first into vector code, and a decode step takes
     * the argmax of every row's whole vocabulary. A row holding a NaN gets the one-loop answer (a NaN is
     * never larger, so the loop skips it).
     */
    static int argmax(float[] x, int off, int n) {
        float max = x[off];
        for (int i = 1; i < n; i++) {
            max = Math.max(max, x[off + i]);
        }
        if (Float.isNaN(max)) {
            return firstLargest(x, off, n);
        }
        int i = 0;
        while (x[off + i] != max) {
            i++;
        }
        return i;
    }

    /** The one-loop argmax: a later value replaces the best only when strictly larger. */
    private static int firstLargest(float[] x, int off, int n) {
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
