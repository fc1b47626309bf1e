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
    /** Rows of A per pass when a batch has that many: each weight vector loaded then serves four of them. */
    private static final int ROW_BLOCK = 4;
    /** The most rows of A this path takes; beyond, a packed GEMM reuses each weight load more. */
    public static final int MAX_ROWS = 16;

    private Gemv() {}

    /** Whether this path takes a product of this layout: untransposed A of at most {@link #MAX_ROWS} rows, B transposed. */
    public static boolean applies(boolean transA, boolean transB, int M) {
        return !transA && transB && M <= MAX_ROWS;
    }

    /**
     * {@code C (+)= A B^T} over all M rows of C; arguments as in
     * {@link org.fedcot.tensor.kernels.MatmulKernels#gemm} with {@code transA = false, transB = true}.
     */
    public static void gemm(
            int M,
            int N,
            int K,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        if (M <= 0 || N <= 0) {
            return;
        }
        int blocks = (N + OUT_BLOCK - 1) / OUT_BLOCK;
        Parallel.forRange(
                blocks,
                (long) OUT_BLOCK * M * Math.max(K, 1),
                (lo, hi) -> outputs(
                        M,
                        N,
                        K,
                        a,
                        aOff,
                        lda,
                        b,
                        bOff,
                        ldb,
                        c,
                        cOff,
                        ldc,
                        accumulate,
                        lo * OUT_BLOCK,
                        Math.min(N, hi * OUT_BLOCK)));
    }

    /** The outputs (columns of C) in [lo, hi), for every row of A. */
    static void outputs(
            int M,
            int N,
            int K,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate,
            int lo,
            int hi) {
        int kv = K - K % L;
        float[] sums = M >= ROW_BLOCK ? new float[ROW_BLOCK * OUT_BLOCK * L] : null;
        int o = lo;
        for (; o + OUT_BLOCK <= hi; o += OUT_BLOCK) {
            int w0 = bOff + o * ldb;
            int m = 0;
            for (; m + ROW_BLOCK <= M; m += ROW_BLOCK) {
                fourByFour(a, aOff + m * lda, lda, b, w0, ldb, c, cOff + m * ldc + o, ldc, kv, K, accumulate, sums);
            }
            for (; m < M; m++) {
                fourByOne(a, aOff + m * lda, b, w0, ldb, c, cOff + m * ldc + o, kv, K, accumulate);
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

    /** Four outputs [o, o + 4) (weight rows from w0, ldb apart) of one row x of A, into c[ci, ci + 4). */
    private static void fourByOne(
            float[] a, int x, float[] b, int w0, int ldb, float[] c, int ci, int kv, int K, boolean accumulate) {
        int w1 = w0 + ldb;
        int w2 = w1 + ldb;
        int w3 = w2 + ldb;
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
        store(c, ci, finish(s0, a, x, b, w0, kv, K), accumulate);
        store(c, ci + 1, finish(s1, a, x, b, w1, kv, K), accumulate);
        store(c, ci + 2, finish(s2, a, x, b, w2, kv, K), accumulate);
        store(c, ci + 3, finish(s3, a, x, b, w3, kv, K), accumulate);
    }

    /**
     * Four outputs of four rows of A (from x0, lda apart) at once: each weight vector loaded feeds four
     * rows, so a batch step loads a quarter as much per multiply-add as {@link #fourByOne}. Every
     * accumulator still runs over k in the same order, and its lanes are added in the same tree, so the
     * sums equal fourByOne's bit for bit. {@code sums} is scratch of {@code 16 * L} floats.
     */
    private static void fourByFour(
            float[] a,
            int x0,
            int lda,
            float[] b,
            int w0,
            int ldb,
            float[] c,
            int ci,
            int ldc,
            int kv,
            int K,
            boolean accumulate,
            float[] sums) {
        int x1 = x0 + lda;
        int x2 = x1 + lda;
        int x3 = x2 + lda;
        int w1 = w0 + ldb;
        int w2 = w1 + ldb;
        int w3 = w2 + ldb;
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s03 = s00;
        FloatVector s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        FloatVector s20 = s00, s21 = s00, s22 = s00, s23 = s00;
        FloatVector s30 = s00, s31 = s00, s32 = s00, s33 = s00;
        for (int k = 0; k < kv; k += L) {
            FloatVector v0 = FloatVector.fromArray(S, b, w0 + k);
            FloatVector v1 = FloatVector.fromArray(S, b, w1 + k);
            FloatVector v2 = FloatVector.fromArray(S, b, w2 + k);
            FloatVector v3 = FloatVector.fromArray(S, b, w3 + k);
            FloatVector xv = FloatVector.fromArray(S, a, x0 + k);
            s00 = v0.fma(xv, s00);
            s01 = v1.fma(xv, s01);
            s02 = v2.fma(xv, s02);
            s03 = v3.fma(xv, s03);
            xv = FloatVector.fromArray(S, a, x1 + k);
            s10 = v0.fma(xv, s10);
            s11 = v1.fma(xv, s11);
            s12 = v2.fma(xv, s12);
            s13 = v3.fma(xv, s13);
            xv = FloatVector.fromArray(S, a, x2 + k);
            s20 = v0.fma(xv, s20);
            s21 = v1.fma(xv, s21);
            s22 = v2.fma(xv, s22);
            s23 = v3.fma(xv, s23);
            xv = FloatVector.fromArray(S, a, x3 + k);
            s30 = v0.fma(xv, s30);
            s31 = v1.fma(xv, s31);
            s32 = v2.fma(xv, s32);
            s33 = v3.fma(xv, s33);
        }
        // the sixteen sums leave through an array: finishing vectors in a helper the JIT would not inline
        // boxes them, which made this path ten times slower
        s00.intoArray(sums, 0);
        s01.intoArray(sums, L);
        s02.intoArray(sums, 2 * L);
        s03.intoArray(sums, 3 * L);
        s10.intoArray(sums, 4 * L);
        s11.intoArray(sums, 5 * L);
        s12.intoArray(sums, 6 * L);
        s13.intoArray(sums, 7 * L);
        s20.intoArray(sums, 8 * L);
        s21.intoArray(sums, 9 * L);
        s22.intoArray(sums, 10 * L);
        s23.intoArray(sums, 11 * L);
        s30.intoArray(sums, 12 * L);
        s31.intoArray(sums, 13 * L);
        s32.intoArray(sums, 14 * L);
        s33.intoArray(sums, 15 * L);
        for (int r = 0; r < ROW_BLOCK; r++) {
            int x = x0 + r * lda;
            for (int q = 0; q < OUT_BLOCK; q++) {
                float sum = tail(Lanes.sum(sums, (r * OUT_BLOCK + q) * L), a, x, b, w0 + q * ldb, kv, K);
                store(c, ci + r * ldc + q, sum, accumulate);
            }
        }
    }

    /** The lanes of s in {@link Lanes}' fixed order, then the scalar tail {@code k in [kv, K)} of rows x and w. */
    private static float finish(FloatVector s, float[] a, int x, float[] b, int w, int kv, int K) {
        return tail(Lanes.sum(s), a, x, b, w, kv, K);
    }

    /** {@code sum} plus the scalar tail {@code k in [kv, K)} of the dot product of rows x and w. */
    private static float tail(float sum, float[] a, int x, float[] b, int w, int kv, int K) {
        for (int k = kv; k < K; k++) {
            sum = Math.fma(a[x + k], b[w + k], sum);
        }
        return sum;
    }

    private static void store(float[] c, int i, float v, boolean accumulate) {
        c[i] = accumulate ? c[i] + v : v;
    }
}
