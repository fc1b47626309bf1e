package org.fedcot.tensor.cpu;

/**
 * CPU fast path of causal grouped-query attention: per (batch, head) the score, probability and
 * value products run as blocked Vector API GEMMs ({@link Sgemm}) instead of row-by-row dot
 * products. It computes the full T x T score block and zeroes the masked half, trading half the
 * multiply work for GEMM speed. Results match {@link org.fedcot.tensor.kernels.AttentionKernels}
 * (same layouts, same saved probabilities), which the tests check.
 */
final class FastAttention {
    private FastAttention() {}

    /** GEMM blocking only pays off once the per-head matrices are not tiny. */
    static boolean worthIt(int T, int D) {
        return T >= 16 && D >= 8;
    }

    static void forward(
            float[] out,
            float[] att,
            float[] q,
            int qOff,
            float[] k,
            int kOff,
            float[] v,
            int vOff,
            int B,
            int T,
            int NH,
            int NKV,
            int D) {
        int group = NH / NKV;
        float scale = 1f / (float) Math.sqrt(D);
        overHeads(B * NH, (lo, hi) -> {
            for (int bh = lo; bh < hi; bh++) {
                int b = bh / NH;
                int h = bh % NH;
                int g = h / group;
                int attOff = bh * T * T;
                int qh = qOff + (b * T * NH + h) * D;
                int kg = kOff + (b * T * NKV + g) * D;
                int vg = vOff + (b * T * NKV + g) * D;
                Sgemm.gemm(false, true, T, T, D, q, qh, NH * D, k, kg, NKV * D, att, attOff, T, false);
                causalSoftmax(att, attOff, T, scale);
                Sgemm.gemm(
                        false,
                        false,
                        T,
                        D,
                        T,
                        att,
                        attOff,
                        T,
                        v,
                        vg,
                        NKV * D,
                        out,
                        (b * T * NH + h) * D,
                        NH * D,
                        false);
            }
        });
    }

    static void backward(
            float[] dq,
            int dqOff,
            float[] dk,
            int dkOff,
            float[] dv,
            int dvOff,
            float[] dpre,
            float[] att,
            float[] dout,
            int doutOff,
            float[] q,
            int qOff,
            float[] k,
            int kOff,
            float[] v,
            int vOff,
            int B,
            int T,
            int NH,
            int NKV,
            int D) {
        int group = NH / NKV;
        float scale = 1f / (float) Math.sqrt(D);
        // one task per kv head: the query heads of a group all add into the same dk/dv rows
        overHeads(B * NKV, (lo, hi) -> {
            for (int bg = lo; bg < hi; bg++) {
                int b = bg / NKV;
                int g = bg % NKV;
                int kg = (b * T * NKV + g) * D;
                for (int h = g * group; h < (g + 1) * group; h++) {
                    int off = (b * NH + h) * T * T;
                    int qh = (b * T * NH + h) * D;
                    Sgemm.gemm(
                            false,
                            true,
                            T,
                            T,
                            D,
                            dout,
                            doutOff + qh,
                            NH * D,
                            v,
                            vOff + kg,
                            NKV * D,
                            dpre,
                            off,
                            T,
                            false);
                    softmaxBackwardScaled(dpre, att, off, T, scale);
                    Sgemm.gemm(
                            false, false, T, D, T, dpre, off, T, k, kOff + kg, NKV * D, dq, dqOff + qh, NH * D, true);
                    Sgemm.gemm(true, false, T, D, T, dpre, off, T, q, qOff + qh, NH * D, dk, dkOff + kg, NKV * D, true);
                    Sgemm.gemm(
                            true,
                            false,
                            T,
                            D,
                            T,
                            att,
                            off,
                            T,
                            dout,
                            doutOff + qh,
                            NH * D,
                            dv,
                            dvOff + kg,
                            NKV * D,
                            true);
                }
            }
        });
    }

    /** Splits across cores when there are enough heads; otherwise each GEMM splits itself. */
    private static void overHeads(int n, Parallel.Range body) {
        if (n >= Parallel.threads()) {
            Parallel.forRange(n, Long.MAX_VALUE / n, body);
        } else {
            body.run(0, n);
        }
    }

    /** Row t: scaled scores 0..t to probabilities, columns past t to zero. */
    private static void causalSoftmax(float[] s, int off, int T, float scale) {
        for (int t = 0; t < T; t++) {
            int row = off + t * T;
            float max = Float.NEGATIVE_INFINITY;
            for (int t2 = 0; t2 <= t; t2++) {
                s[row + t2] *= scale;
                max = Math.max(max, s[row + t2]);
            }
            float sum = 0f;
            for (int t2 = 0; t2 <= t; t2++) {
                float e = (float) Math.exp(s[row + t2] - max);
                s[row + t2] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (int t2 = 0; t2 < T; t2++) {
                s[row + t2] = t2 <= t ? s[row + t2] * inv : 0f;
            }
        }
    }

    /** In place: dP (upstream gradient of the probabilities) to scale * P * (dP - rowsum(dP * P)). */
    private static void softmaxBackwardScaled(float[] d, float[] p, int off, int T, float scale) {
        for (int t = 0; t < T; t++) {
            int row = off + t * T;
            float dot = 0f;
            for (int t2 = 0; t2 <= t; t2++) {
                dot += d[row + t2] * p[row + t2];
            }
            for (int t2 = 0; t2 < T; t2++) {
                d[row + t2] = t2 <= t ? p[row + t2] * (d[row + t2] - dot) * scale : 0f;
            }
        }
    }
}
