package org.fedcot.tensor.kernels;

/**
 * Portable cross-entropy over rows of logits [N, V] with integer targets; rows whose target equals
 * {@code ignoreIndex} contribute nothing. Forward keeps each row's log-sum-exp so backward can
 * rebuild the softmax without storing an [N, V] probability table.
 */
public final class CrossEntropyKernels {
    private CrossEntropyKernels() {
    }

    /** {@code rowLoss[n] = logsumexp(logits[n]) - logits[n][targets[n]]} (0 when ignored), rows in [lo, hi). */
    public static void crossEntropyForward(float[] rowLoss, float[] lse, float[] logits, int logitsOff, int[] targets,
                                           int V, int ignoreIndex, int lo, int hi) {
        for (int n = lo; n < hi; n++) {
            int base = logitsOff + n * V;
            float max = Float.NEGATIVE_INFINITY;
            for (int v = 0; v < V; v++) {
                max = Math.max(max, logits[base + v]);
            }
            float sum = 0f;
            for (int v = 0; v < V; v++) {
                sum += (float) Math.exp(logits[base + v] - max);
            }
            float l = max + (float) Math.log(sum);
            lse[n] = l;
            int t = targets[n];
            rowLoss[n] = t == ignoreIndex ? 0f : l - logits[base + t];
        }
    }

    /** {@code dlogits[n] += rowScale[n] * (softmax(logits[n]) - onehot(targets[n]))}, rows in [lo, hi). */
    public static void crossEntropyBackward(float[] dlogits, int dlogitsOff, float[] logits, int logitsOff, float[] lse,
                                            int[] targets, float[] rowScale, int V, int ignoreIndex, int lo, int hi) {
        for (int n = lo; n < hi; n++) {
            int t = targets[n];
            if (t == ignoreIndex) {
                continue;
            }
            float s = rowScale[n];
            for (int v = 0; v < V; v++) {
                float p = (float) Math.exp(logits[logitsOff + n * V + v] - lse[n]);
                dlogits[dlogitsOff + n * V + v] += s * (p - (v == t ? 1f : 0f));
            }
        }
    }
}
