package org.fedcot.tensor.cpu;

import org.fedcot.tensor.kernels.AttentionKernels;
import org.fedcot.tensor.kernels.CachedAttentionKernels;
import org.fedcot.tensor.kernels.CrossEntropyKernels;
import org.fedcot.tensor.kernels.MatmulKernels;

/**
 * The CPU backend: runs each portable kernel with its parallel index split over the cores, and
 * swaps in a Vector API fast path where one exists. {@code -Dfedcot.cpu.portable=true} forces the
 * portable kernels everywhere (the reference the fast paths are tested against).
 */
public final class Cpu {
    private static final boolean PORTABLE_ONLY = Boolean.getBoolean("fedcot.cpu.portable");

    private Cpu() {
    }

    /** See {@link MatmulKernels#gemm}; this runs it over all rows of C. */
    public static void gemm(boolean transA, boolean transB, int M, int N, int K,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean accumulate) {
        if (!PORTABLE_ONLY && Gemv.applies(transA, transB, M)) {
            Gemv.gemm(M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        if (!PORTABLE_ONLY && Sgemm.worthIt(M, N, K)) {
            Sgemm.gemm(transA, transB, M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        Parallel.forRange(M, (long) N * K, (lo, hi) ->
                MatmulKernels.gemm(transA, transB, M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, lo, hi));
    }

    /** Causal grouped-query attention forward; see {@link AttentionKernels#attentionForward}. */
    public static void attentionForward(float[] out, float[] att, float[] q, int qOff, float[] k, int kOff,
                                        float[] v, int vOff, int B, int T, int NH, int NKV, int D) {
        if (!PORTABLE_ONLY && FastAttention.worthIt(T, D)) {
            FastAttention.forward(out, att, q, qOff, k, kOff, v, vOff, B, T, NH, NKV, D);
            return;
        }
        Parallel.forRange(B * NH * T, (long) T * D, (lo, hi) ->
                AttentionKernels.attentionForward(out, 0, att, q, qOff, k, kOff, v, vOff, T, NH, NKV, D, lo, hi));
    }

    /** Attention of new queries over a key/value cache, all rows, into out at offset 0; see {@link CachedAttentionKernels#attend}. */
    public static void cachedAttention(float[] out, float[] q, int qOff, float[] kc, int kOff, float[] vc, int vOff,
                                       int B, int TN, int S, int pos, int NH, int NKV, int D) {
        if (!PORTABLE_ONLY && FastCachedAttention.worthIt(D)) {
            FastCachedAttention.attend(out, q, qOff, kc, kOff, vc, vOff, B, TN, S, pos, NH, NKV, D);
            return;
        }
        Parallel.forRange(B * TN * NH, 2L * (pos + TN) * D, (lo, hi) ->
                CachedAttentionKernels.attend(out, 0, q, qOff, kc, kOff, vc, vOff, TN, S, pos, NH, NKV, D, lo, hi));
    }

    /**
     * Cached attention of decode rows each over its own batch-1 cache; see
     * {@link FastCachedAttention#attendRows}. Without the fast path, row by row through the portable kernel.
     */
    public static void cachedAttentionRows(float[] out, float[] q, int qOff, float[][] kc, int[] kOff, float[][] vc,
                                           int[] vOff, int[] capacity, int[] pos, int NH, int NKV, int D) {
        if (!PORTABLE_ONLY && FastCachedAttention.worthIt(D)) {
            FastCachedAttention.attendRows(out, q, qOff, kc, kOff, vc, vOff, capacity, pos, NH, NKV, D);
            return;
        }
        int row = NH * D;
        for (int r = 0; r < pos.length; r++) {
            int rr = r;
            Parallel.forRange(NH, 2L * (pos[r] + 1) * D, (lo, hi) ->
                    CachedAttentionKernels.attend(out, rr * row, q, qOff + rr * row, kc[rr], kOff[rr], vc[rr], vOff[rr],
                            1, capacity[rr], pos[rr], NH, NKV, D, lo, hi));
        }
    }

    /** Causal grouped-query attention backward into dq, dk, dv (accumulating); dpre is scratch [B, NH, T, T]. */
    public static void attentionBackward(float[] dq, int dqOff, float[] dk, int dkOff, float[] dv, int dvOff,
                                         float[] dpre, float[] att, float[] dout, int doutOff,
                                         float[] q, int qOff, float[] k, int kOff, float[] v, int vOff,
                                         int B, int T, int NH, int NKV, int D) {
        if (!PORTABLE_ONLY && FastAttention.worthIt(T, D)) {
            FastAttention.backward(dq, dqOff, dk, dkOff, dv, dvOff, dpre, att, dout, doutOff, q, qOff, k, kOff, v, vOff,
                    B, T, NH, NKV, D);
            return;
        }
        Parallel.forRange(B * NH * T, 2L * T * D, (lo, hi) -> AttentionKernels.attentionBackwardQuery(
                dq, dqOff, dpre, att, dout, doutOff, k, kOff, v, vOff, T, NH, NKV, D, lo, hi));
        Parallel.forRange(B * T * NKV, 2L * T * D * (NH / NKV), (lo, hi) -> AttentionKernels.attentionBackwardKeyValue(
                dk, dkOff, dv, dvOff, dpre, att, q, qOff, dout, doutOff, T, NH, NKV, D, lo, hi));
    }

    /** Cross-entropy forward over all N rows; see {@link CrossEntropyKernels#crossEntropyForward}. */
    public static void crossEntropyForward(float[] rowLoss, float[] lse, float[] logits, int logitsOff, int[] targets,
                                           int N, int V, int ignoreIndex) {
        if (!PORTABLE_ONLY && FastCrossEntropy.worthIt(V)) {
            FastCrossEntropy.forward(rowLoss, lse, logits, logitsOff, targets, N, V, ignoreIndex);
            return;
        }
        Parallel.forRange(N, 2L * V, (lo, hi) ->
                CrossEntropyKernels.crossEntropyForward(rowLoss, lse, logits, logitsOff, targets, V, ignoreIndex, lo, hi));
    }

    /** Cross-entropy backward over all N rows; see {@link CrossEntropyKernels#crossEntropyBackward}. */
    public static void crossEntropyBackward(float[] dlogits, int dlogitsOff, float[] logits, int logitsOff, float[] lse,
                                            int[] targets, float[] rowScale, int N, int V, boolean accumulate) {
        if (!PORTABLE_ONLY && FastCrossEntropy.worthIt(V)) {
            FastCrossEntropy.backward(dlogits, dlogitsOff, logits, logitsOff, lse, targets, rowScale, N, V, accumulate);
            return;
        }
        Parallel.forRange(N, 2L * V, (lo, hi) -> CrossEntropyKernels.crossEntropyBackward(
                dlogits, dlogitsOff, logits, logitsOff, lse, targets, rowScale, V, accumulate, lo, hi));
    }
}
