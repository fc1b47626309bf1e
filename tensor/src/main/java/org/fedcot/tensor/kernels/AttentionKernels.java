package org.fedcot.tensor.kernels;

/**
 * Portable causal multi-head attention with grouped-query heads. Layouts: q and out [B, T, NH, D];
 * k and v [B, T, NKV, D] (query head h reads kv head h / (NH / NKV)); att [B, NH, T, T] holds the
 * softmax probabilities (row t, zero past t), kept for backward. Scale 1/sqrt(D).
 */
public final class AttentionKernels {
    private AttentionKernels() {}

    /** Parallel over query rows {@code idx = (b*NH + h)*T + t} in [lo, hi). */
    public static void attentionForward(
            float[] out,
            int outOff,
            float[] att,
            float[] q,
            int qOff,
            float[] k,
            int kOff,
            float[] v,
            int vOff,
            int T,
            int NH,
            int NKV,
            int D,
            int lo,
            int hi) {
        float scale = 1f / (float) Math.sqrt(D);
        int group = NH / NKV;
        for (int idx = lo; idx < hi; idx++) {
            int t = idx % T;
            int h = (idx / T) % NH;
            int b = idx / (T * NH);
            int g = h / group;
            int qRow = qOff + ((b * T + t) * NH + h) * D;
            int attRow = idx * T;
            float max = Float.NEGATIVE_INFINITY;
            for (int t2 = 0; t2 <= t; t2++) {
                int kRow = kOff + ((b * T + t2) * NKV + g) * D;
                float dot = 0f;
                for (int d = 0; d < D; d++) {
                    dot += q[qRow + d] * k[kRow + d];
                }
                dot *= scale;
                att[attRow + t2] = dot;
                max = Math.max(max, dot);
            }
            float sum = 0f;
            for (int t2 = 0; t2 <= t; t2++) {
                float e = (float) Math.exp(att[attRow + t2] - max);
                att[attRow + t2] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (int t2 = 0; t2 < T; t2++) {
                att[attRow + t2] = t2 <= t ? att[attRow + t2] * inv : 0f;
            }
            int oRow = outOff + ((b * T + t) * NH + h) * D;
            for (int d = 0; d < D; d++) {
                out[oRow + d] = 0f;
            }
            for (int t2 = 0; t2 <= t; t2++) {
                int vRow = vOff + ((b * T + t2) * NKV + g) * D;
                float p = att[attRow + t2];
                for (int d = 0; d < D; d++) {
                    out[oRow + d] += p * v[vRow + d];
                }
            }
        }
    }

    /**
     * First half of backward, parallel over query rows: the gradient of the pre-softmax scores
     * (times the scale) into {@code dpre} [B, NH, T, T], and {@code dq += dpre · k}.
     */
    public static void attentionBackwardQuery(
            float[] dq,
            int dqOff,
            float[] dpre,
            float[] att,
            float[] dout,
            int doutOff,
            float[] k,
            int kOff,
            float[] v,
            int vOff,
            int T,
            int NH,
            int NKV,
            int D,
            int lo,
            int hi) {
        float scale = 1f / (float) Math.sqrt(D);
        int group = NH / NKV;
        for (int idx = lo; idx < hi; idx++) {
            int t = idx % T;
            int h = (idx / T) % NH;
            int b = idx / (T * NH);
            int g = h / group;
            int oRow = doutOff + ((b * T + t) * NH + h) * D;
            int attRow = idx * T;
            float dot = 0f;
            for (int t2 = 0; t2 <= t; t2++) {
                int vRow = vOff + ((b * T + t2) * NKV + g) * D;
                float datt = 0f;
                for (int d = 0; d < D; d++) {
                    datt += dout[oRow + d] * v[vRow + d];
                }
                dpre[attRow + t2] = datt;
                dot += datt * att[attRow + t2];
            }
            int qRow = dqOff + ((b * T + t) * NH + h) * D;
            for (int t2 = 0; t2 < T; t2++) {
                float ds = t2 <= t ? att[attRow + t2] * (dpre[attRow + t2] - dot) * scale : 0f;
                dpre[attRow + t2] = ds;
                if (t2 <= t) {
                    int kRow = kOff + ((b * T + t2) * NKV + g) * D;
                    for (int d = 0; d < D; d++) {
                        dq[qRow + d] += ds * k[kRow + d];
                    }
                }
            }
        }
    }

    /**
     * Second half of backward, parallel over key rows {@code idx = (b*T + t2)*NKV + g}: sums over every
     * query head of the group and every later query position, so each dk/dv row has one writer.
     */
    public static void attentionBackwardKeyValue(
            float[] dk,
            int dkOff,
            float[] dv,
            int dvOff,
            float[] dpre,
            float[] att,
            float[] q,
            int qOff,
            float[] dout,
            int doutOff,
            int T,
            int NH,
            int NKV,
            int D,
            int lo,
            int hi) {
        int group = NH / NKV;
        for (int idx = lo; idx < hi; idx++) {
            int g = idx % NKV;
            int t2 = (idx / NKV) % T;
            int b = idx / (NKV * T);
            int kRow = idx * D;
            for (int h = g * group; h < (g + 1) * group; h++) {
                for (int t = t2; t < T; t++) {
                    int attIdx = ((b * NH + h) * T + t) * T + t2;
                    float ds = dpre[attIdx];
                    float p = att[attIdx];
                    int qRow = ((b * T + t) * NH + h) * D;
                    for (int d = 0; d < D; d++) {
                        dk[dkOff + kRow + d] += ds * q[qOff + qRow + d];
                        dv[dvOff + kRow + d] += p * dout[doutOff + qRow + d];
                    }
                }
            }
        }
    }
}
