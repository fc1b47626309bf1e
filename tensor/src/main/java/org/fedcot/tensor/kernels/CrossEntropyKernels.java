package org.fedcot.tensor.kernels;

/**
 * Portable cross-entropy over rows of logits [N, V] with integer targets; rows whose target equals
 * {@code ignoreIndex} contribute nothing. Forward keeps each row's log-sum-exp so backward can
 * rebuild the softmax without storing an [N, V] probability table.
 */
public final class CrossEntropyKernels {
    private CrossEntropyKernels() {}

    /**
     * {@code rowLoss[n] = logsumexp(logits[n]) - logits[n][targets[n]]} (0 when ignored) and
     * {@code lse[n] = logsumexp(logits[n])}, rows in [lo, hi). A row holding a NaN or an infinity
     * gets a NaN {@code lse[n]}, so callers can check finiteness from N values instead of N * V.
     */
    public static void crossEntropyForward(
            float[] rowLoss,
            float[] lse,
            float[] logits,
            int logitsOff,
            int[] targets,
            int V,
            int ignoreIndex,
            int lo,
            int hi) {
        for (int n = lo; n < hi; n++) {
            int base = logitsOff + n * V;
            float max = Float.NEGATIVE_INFINITY;
            // x * 0 is 0 for finite x and NaN for NaN or +-infinity (which max and exp can hide)
            float nonFinite = 0f;
            for (int v = 0; v < V; v++) {
                float x = logits[base + v];
                max = Math.max(max, x);
                nonFinite += x * 0f;
            }
            float sum = 0f;
            for (int v = 0; v < V; v++) {
                sum += (float) Math.exp(logits[base + v] - max);
            }
            float l = max + (float) Math.log(sum);
            lse[n] = l + nonFinite;
            int t = targets[n];
            rowLoss[n] = t == ignoreIndex ? 0f : l - logits[base + t];
        }
    }

    /**
     * {@code dlogits[n] (+)= rowScale[n] * (softmax(logits[n]) - onehot(targets[n]))}, rows in
     * [lo, hi), added when {@code accumulate}. Ignored rows must have {@code rowScale[n] == 0}: they
     * then get 0 (no per-row branch, so every row runs the same code).
     */
    public static void crossEntropyBackward(
            float[] dlogits,
            int dlogitsOff,
            float[] logits,
            int logitsOff,
            float[] lse,
            int[] targets,
            float[] rowScale,
            int V,
            boolean accumulate,
            int lo,
            int hi) {
        for (int n = lo; n < hi; n++) {
            int t = targets[n];
            float s = rowScale[n];
            float l = lse[n];
            for (int v = 0; v < V; v++) {
                float p = (float) Math.exp(logits[logitsOff + n * V + v] - l);
                float g = s * (p - (v == t ? 1f : 0f));
                int i = dlogitsOff + n * V + v;
                dlogits[i] = accumulate ? dlogits[i] + g : g;
            }
        }
    }
}
