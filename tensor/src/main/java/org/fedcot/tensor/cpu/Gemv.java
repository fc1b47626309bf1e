package org.fedcot.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix product with few rows against a weight read transposed, the shape of a linear layer while
 * decoding: {@code C[m][o] (+)= sum_k A[m][k] * B[o][k]} for m in [0, M), M at most {@link #MAX_ROWS}.
 * Same contract as {@link org.fedcot.tensor.kernels.MatmulKernels#gemm} with {@code transA = false,
 * transB = true}.
 *
 * <p>Nothing is packed: each weight row is read once from memory, straight from its array, while
 * {@link #OUT_BLOCK} of them stream side by side so their loads overlap, and is reused from L1 for
 * every row of A. The outputs are split over the cores in whole blocks.
 *
 * <p>Every output is the same sum in the same order whatever M, the block it falls in or the thread
 * split: one vector accumulator over the first {@code K - K % L} elements, its lanes added in
 * {@link Lanes}' fixed order, then the remaining elements one by one. A sequence decoded inside a
 * batch therefore gets bit-identical results to the same sequence decoded alone.
 */
public final class Gemv {
    private static final VectorSpecies<Float> S = Lanes.SPECIES;
    /** Lanes per vector (16 with AVX-512); a power of two. */
    private static final int L = S.length();
    /** Output rows per pass: four independent accumulator chains hide the FMA latency. */
    private static final int OUT_BLOCK = 4;
    /** The most rows of A this path takes; beyond, a packed GEMM reuses each weight load more. */
    public static final int MAX_ROWS = 16;

    private Gemv() {
    }

    /** Whether this path takes a product of this layout: untransposed A of at most {@link #MAX_ROWS} rows, B transposed. */
    public static boolean applies(boolean transA, boolean transB, int M) {
        return !transA && transB && M <= MAX_ROWS;
    }

    /**
     * {@code C (+)= A B^T} over all M rows of C; arguments as in
     * {@link org.fedcot.tensor.kernels.MatmulKernels#gemm} with {@code transA = false, transB = true}.
     */
    public static void gemm(int M, int N, int K, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean accumulate) {
        if (M <= 0 || N <= 0) {
            return;
        }
        int blocks = (N + OUT_BLOCK - 1) / OUT_BLOCK;
        Parallel.forRange(blocks, (long) OUT_BLOCK * M * Math.max(K, 1), (lo, hi) ->
                outputs(M, N, K, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate,
                        lo * OUT_BLOCK, Math.min(N, hi * OUT_BLOCK)));
    }

    /** The outputs (columns of C) in [lo, hi), for every row of A. */
    static void outputs(int M, int N, int K, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        float[] c, int cOff, int ldc, boolean accumulate, int lo, int hi) {
        int kv = K - K % L;
        int o = lo;
        for (; o + OUT_BLOCK <= hi; o += OUT_BLOCK) {
            int w0 = bOff + o * ldb;
            int w1 = w0 + ldb;
            int w2 = w1 + ldb;
            int w3 = w2 + ldb;
            for (int m = 0; m < M; m++) {
                int x = aOff + m * lda;
                FloatVector s0 = FloatVector.zero(S);
                FloatVector s1 = FloatVector.zero(S);
                FloatVector s2 = FloatVector.zero(S);
                FloatVector s3 = FloatVector.zero(S);
                for (int k = 0; k < kv; k += L) {
                    FloatVector xv = FloatVector.fromArray(S, a, x + k);
                    s0 = FloatVector.fromArray(S, b, w0 + k).fma(xv, s0);
                    s1 = FloatVector.fromArray(S, b, w1 + k).fma(xv, s1);
                    s2 = FloatVector.fromArray(S, b, w2 + k).fma(xv, s2);
                    s3 = FloatVector.fromArray(S, b, w3 + k).fma(xv, s3);
                }
                int ci = cOff + m * ldc + o;
                store(c, ci, finish(s0, a, x, b, w0, kv, K), accumulate);
                store(c, ci + 1, finish(s1, a, x, b, w1, kv, K), accumulate);
                store(c, ci + 2, finish(s2, a, x, b, w2, kv, K), accumulate);
                store(c, ci + 3, finish(s3, a, x, b, w3, kv, K), accumulate);
            }
        }
        for (; o < hi; o++) {
            int w = bOff + o * ldb;
            for (int m = 0; m < M; m++) {
                int x = aOff + m * lda;
                FloatVector s = FloatVector.zero(S);
                for (int k = 0; k < kv; k += L) {
                    s = FloatVector.fromArray(S, b, w + k).fma(FloatVector.fromArray(S, a, x + k), s);
                }
                store(c, cOff + m * ldc + o, finish(s, a, x, b, w, kv, K), accumulate);
            }
        }
    }

    /** The lanes of s in {@link Lanes}' fixed order, then the scalar tail {@code k in [kv, K)} of rows x and w. */
    private static float finish(FloatVector s, float[] a, int x, float[] b, int w, int kv, int K) {
        float sum = Lanes.sum(s);
        for (int k = kv; k < K; k++) {
            sum = Math.fma(a[x + k], b[w + k], sum);
        }
        return sum;
    }

    private static void store(float[] c, int i, float v, boolean accumulate) {
        c[i] = accumulate ? c[i] + v : v;
    }
}
