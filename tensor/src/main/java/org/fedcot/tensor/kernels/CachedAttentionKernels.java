package org.fedcot.tensor.kernels;

/**
 * Portable attention of newly fed queries over a key/value cache, for inference. Layouts: q and out
 * [B, TN, NH, D]; the caches kc and vc [B, S, NKV, D] (S = capacity), filled for positions
 * [0, pos + TN). Query t sits at position {@code pos + t} and attends to cached positions
 * [0, pos + t] (causal); query head h reads kv head h / (NH / NKV). Scale 1/sqrt(D).
 *
 * <p>The softmax is computed online (a running maximum rescales the partial sums), so one pass over
 * the cache suffices and no score buffer proportional to the cache length is needed.
 */
public final class CachedAttentionKernels {
    private CachedAttentionKernels() {}

    /** Parallel over query rows {@code idx = (b*TN + t)*NH + h} in [lo, hi), the row order of q and out. */
    public static void attend(
            float[] out,
            int outOff,
            float[] q,
            int qOff,
            float[] kc,
            int kOff,
            float[] vc,
            int vOff,
            int TN,
            int S,
            int pos,
            int NH,
            int NKV,
            int D,
            int lo,
            int hi) {
        float scale = 1f / (float) Math.sqrt(D);
        int group = NH / NKV;
        for (int idx = lo; idx < hi; idx++) {
            int h = idx % NH;
            int t = (idx / NH) % TN;
            int b = idx / (NH * TN);
            int g = h / group;
            int qRow = qOff + idx * D;
            int oRow = outOff + idx * D;
            for (int d = 0; d < D; d++) {
                out[oRow + d] = 0f;
            }
            float max = Float.NEGATIVE_INFINITY;
            float sum = 0f;
            int last = pos + t;
            for (int s = 0; s <= last; s++) {
                int kvRow = ((b * S + s) * NKV + g) * D;
                float dot = 0f;
                for (int d = 0; d < D; d++) {
                    dot += q[qRow + d] * kc[kOff + kvRow + d];
                }
                dot *= scale;
                if (dot > max) {
                    // a new maximum: rescale what was summed against the old one (exp(-inf) = 0 at s = 0)
                    float c = (float) Math.exp(max - dot);
                    sum *= c;
                    for (int d = 0; d < D; d++) {
                        out[oRow + d] *= c;
                    }
                    max = dot;
                }
                float p = (float) Math.exp(dot - max);
                sum += p;
                for (int d = 0; d < D; d++) {
                    out[oRow + d] += p * vc[vOff + kvRow + d];
                }
            }
            float inv = 1f / sum;
            for (int d = 0; d < D; d++) {
                out[oRow + d] *= inv;
            }
        }
    }
}
