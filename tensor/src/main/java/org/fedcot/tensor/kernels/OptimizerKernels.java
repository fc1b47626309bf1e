package org.fedcot.tensor.kernels;

/**
 * Portable optimiser kernels: the AdamW update and the two halves of global-norm gradient clipping.
 * Every kernel is a static method over primitive arrays and ints whose parameters {@code lo, hi}
 * bound its outermost, data-parallel loop (TornadoVM's subset; the CPU backend splits that range
 * over cores).
 */
public final class OptimizerKernels {
    private OptimizerKernels() {}

    /**
     * One AdamW step over elements {@code i in [lo, hi)}, in the order {@code torch.optim.AdamW} uses:
     * <pre>
     * p = p * decay                           (decay = 1 - lr * weightDecay: decoupled weight decay)
     * m = m * beta1 + (1 - beta1) * g
     * v = v * beta2 + (1 - beta2) * g * g
     * p = p - stepSize * m / (sqrt(v) / bias2Sqrt + eps)
     * </pre>
     * with the bias corrections folded into {@code stepSize = lr / (1 - beta1^t)} and
     * {@code bias2Sqrt = sqrt(1 - beta2^t)}, computed once per step by the caller. The caller also
     * passes {@code 1 - beta} rounded from double, as torch does: {@code 1f - (float) beta} differs
     * by an ulp and that shows in the moments.
     */
    public static void adamw(
            float[] p,
            int pOff,
            float[] g,
            int gOff,
            float[] m,
            int mOff,
            float[] v,
            int vOff,
            float decay,
            float beta1,
            float oneMinusBeta1,
            float beta2,
            float oneMinusBeta2,
            float eps,
            float stepSize,
            float bias2Sqrt,
            int lo,
            int hi) {
        for (int i = lo; i < hi; i++) {
            float grad = g[gOff + i];
            float mi = m[mOff + i] * beta1 + oneMinusBeta1 * grad;
            float vi = v[vOff + i] * beta2 + oneMinusBeta2 * grad * grad;
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            float denom = (float) Math.sqrt(vi) / bias2Sqrt + eps;
            p[pOff + i] = p[pOff + i] * decay - stepSize * mi / denom;
        }
    }

    /**
     * Partial sums of squares for chunks {@code c in [lo, hi)} of {@code x[off .. off+n)}:
     * {@code partials[c] = sum of x[i]^2} over the chunk's {@code chunk} elements (the last chunk may
     * be shorter), accumulated in double so a norm over millions of elements stays exact to float.
     */
    public static void sumSquaresPartial(float[] x, int off, int n, int chunk, double[] partials, int lo, int hi) {
        for (int c = lo; c < hi; c++) {
            int start = c * chunk;
            int end = Math.min(n, start + chunk);
            double sum = 0.0;
            for (int i = start; i < end; i++) {
                double xi = x[off + i];
                sum += xi * xi;
            }
            partials[c] = sum;
        }
    }

    /** {@code x[off + i] *= s} for {@code i in [lo, hi)}. */
    public static void scale(float[] x, int off, float s, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            x[off + i] *= s;
        }
    }
}
