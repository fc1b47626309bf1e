package org.fedcot.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C[m][o] = sum_k A[m][k] * W[o][k]} against a {@link PackedWeight}: the linear layers of a
 * decode step, any number of rows. Each panel's outputs are held in registers for a block of rows
 * while k runs over the inputs: per k, one broadcast of each row's input and two weight vectors
 * feed {@code 2 * rows} multiply-adds, and no lanes are ever summed. Blocks of 8 rows, then 4, then
 * single rows; the panels are split over the cores.
 *
 * <p>Every output is one multiply-add chain over k in order from zero, whatever the number of rows,
 * the block a row falls in or the thread split, so a row's results do not depend on the rows beside
 * it: a sequence decoded in a batch gets bit for bit what it gets alone.
 */
public final class PanelGemm {
    private static final VectorSpecies<Float> S = Lanes.SPECIES;
    private static final int L = S.length();
    private static final int P = PackedWeight.PANEL;

    private PanelGemm() {}

    /** C [M, w.outputs()] (row stride ldc, from cOff) = A [M, w.inputs()] (row stride lda, from aOff) times w transposed. */
    public static void gemm(int M, float[] a, int aOff, int lda, PackedWeight w, float[] c, int cOff, int ldc) {
        if (M <= 0) {
            return;
        }
        int K = w.inputs();
        Parallel.forRange(
                w.panelCount(), (long) M * K * P, (lo, hi) -> panels(M, a, aOff, lda, w, c, cOff, ldc, lo, hi));
    }

    /**
     * Panels [lo, hi) for every row, in groups of four full panels and then one by one; each group
     * read from memory once, for all rows. Rows outside the blocks of 8 and 4 (a single sequence's
     * only one) run the group's four panels at once, so eight multiply-add chains are in flight rather
     * than the two of one panel, whose latency would hold a lone row below the speed the weights stream
     * at. (Those rows once ran over every panel before the blocks did: the weights streamed from memory
     * once more per such row, up to four times in all for 7 rows.)
     */
    private static void panels(
            int M, float[] a, int aOff, int lda, PackedWeight w, float[] c, int cOff, int ldc, int lo, int hi) {
        int N = w.outputs();
        int K = w.inputs();
        float[] pw = w.panels();
        int blocked = M - M % 4;
        // [lo, grouped): whole groups of four full panels
        int grouped = lo + Math.max(0, Math.min(hi, N / P) - lo) / 4 * 4;
        for (int p = lo; p < grouped; p += 4) {
            for (int m = blocked; m < M; m++) {
                rows1x4(a, aOff + m * lda, pw, p * K * P, K, c, cOff + m * ldc + p * P);
            }
            for (int q = p; q < p + 4; q++) {
                blocks(blocked, a, aOff, lda, pw, q * K * P, K, c, cOff + q * P, ldc);
            }
        }
        for (int p = grouped; p < hi; p++) {
            int o = p * P;
            if (o + P <= N) {
                panel(M, blocked, a, aOff, lda, pw, p * K * P, K, c, cOff + o, ldc);
            } else {
                // the padded panel lands in scratch; only its real outputs are copied out
                float[] partial = new float[M * P];
                panel(M, blocked, a, aOff, lda, pw, p * K * P, K, partial, 0, P);
                for (int r = 0; r < M; r++) {
                    System.arraycopy(partial, r * P, c, cOff + r * ldc + o, N - o);
                }
            }
        }
    }

    /** The first {@code blocked} rows (a multiple of 4) on the panel from base: blocks of 8, then of 4. */
    private static void blocks(
            int blocked, float[] a, int aOff, int lda, float[] pw, int base, int K, float[] dst, int d0, int ld) {
        int m = 0;
        for (; m + 8 <= blocked; m += 8) {
            rows8(a, aOff + m * lda, lda, pw, base, K, dst, d0 + m * ld, ld);
        }
        for (; m + 4 <= blocked; m += 4) {
            rows4(a, aOff + m * lda, lda, pw, base, K, dst, d0 + m * ld, ld);
        }
    }

    /** Every row on one panel: the blocks, then the rows outside them one by one. */
    private static void panel(
            int M,
            int blocked,
            float[] a,
            int aOff,
            int lda,
            float[] pw,
            int base,
            int K,
            float[] dst,
            int d0,
            int ld) {
        blocks(blocked, a, aOff, lda, pw, base, K, dst, d0, ld);
        for (int m = blocked; m < M; m++) {
            rows1(a, aOff + m * lda, pw, base, K, dst, d0 + m * ld);
        }
    }

    /** Eight rows from x0 (lda apart), one panel from base, into dst from d0 (ld apart). */
    private static void rows8(float[] a, int x0, int lda, float[] pw, int base, int K, float[] dst, int d0, int ld) {
        int x1 = x0 + lda;
        int x2 = x1 + lda;
        int x3 = x2 + lda;
        int x4 = x3 + lda;
        int x5 = x4 + lda;
        int x6 = x5 + lda;
        int x7 = x6 + lda;
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        FloatVector c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        for (int k = 0; k < K; k++) {
            FloatVector w0 = FloatVector.fromArray(S, pw, base + k * P);
            FloatVector w1 = FloatVector.fromArray(S, pw, base + k * P + L);
            FloatVector x = FloatVector.broadcast(S, a[x0 + k]);
            c00 = w0.fma(x, c00);
            c01 = w1.fma(x, c01);
            x = FloatVector.broadcast(S, a[x1 + k]);
            c10 = w0.fma(x, c10);
            c11 = w1.fma(x, c11);
            x = FloatVector.broadcast(S, a[x2 + k]);
            c20 = w0.fma(x, c20);
            c21 = w1.fma(x, c21);
            x = FloatVector.broadcast(S, a[x3 + k]);
            c30 = w0.fma(x, c30);
            c31 = w1.fma(x, c31);
            x = FloatVector.broadcast(S, a[x4 + k]);
            c40 = w0.fma(x, c40);
            c41 = w1.fma(x, c41);
            x = FloatVector.broadcast(S, a[x5 + k]);
            c50 = w0.fma(x, c50);
            c51 = w1.fma(x, c51);
            x = FloatVector.broadcast(S, a[x6 + k]);
            c60 = w0.fma(x, c60);
            c61 = w1.fma(x, c61);
            x = FloatVector.broadcast(S, a[x7 + k]);
            c70 = w0.fma(x, c70);
            c71 = w1.fma(x, c71);
        }
        c00.intoArray(dst, d0);
        c01.intoArray(dst, d0 + L);
        c10.intoArray(dst, d0 + ld);
        c11.intoArray(dst, d0 + ld + L);
        c20.intoArray(dst, d0 + 2 * ld);
        c21.intoArray(dst, d0 + 2 * ld + L);
        c30.intoArray(dst, d0 + 3 * ld);
        c31.intoArray(dst, d0 + 3 * ld + L);
        c40.intoArray(dst, d0 + 4 * ld);
        c41.intoArray(dst, d0 + 4 * ld + L);
        c50.intoArray(dst, d0 + 5 * ld);
        c51.intoArray(dst, d0 + 5 * ld + L);
        c60.intoArray(dst, d0 + 6 * ld);
        c61.intoArray(dst, d0 + 6 * ld + L);
        c70.intoArray(dst, d0 + 7 * ld);
        c71.intoArray(dst, d0 + 7 * ld + L);
    }

    /** Four rows; as {@link #rows8}. */
    private static void rows4(float[] a, int x0, int lda, float[] pw, int base, int K, float[] dst, int d0, int ld) {
        int x1 = x0 + lda;
        int x2 = x1 + lda;
        int x3 = x2 + lda;
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
        FloatVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        for (int k = 0; k < K; k++) {
            FloatVector w0 = FloatVector.fromArray(S, pw, base + k * P);
            FloatVector w1 = FloatVector.fromArray(S, pw, base + k * P + L);
            FloatVector x = FloatVector.broadcast(S, a[x0 + k]);
            c00 = w0.fma(x, c00);
            c01 = w1.fma(x, c01);
            x = FloatVector.broadcast(S, a[x1 + k]);
            c10 = w0.fma(x, c10);
            c11 = w1.fma(x, c11);
            x = FloatVector.broadcast(S, a[x2 + k]);
            c20 = w0.fma(x, c20);
            c21 = w1.fma(x, c21);
            x = FloatVector.broadcast(S, a[x3 + k]);
            c30 = w0.fma(x, c30);
            c31 = w1.fma(x, c31);
        }
        c00.intoArray(dst, d0);
        c01.intoArray(dst, d0 + L);
        c10.intoArray(dst, d0 + ld);
        c11.intoArray(dst, d0 + ld + L);
        c20.intoArray(dst, d0 + 2 * ld);
        c21.intoArray(dst, d0 + 2 * ld + L);
        c30.intoArray(dst, d0 + 3 * ld);
        c31.intoArray(dst, d0 + 3 * ld + L);
    }

    /**
     * One row, four consecutive full panels from base (outputs to dst from d0 on): per k one broadcast
     * feeds eight multiply-adds, each output still its own chain over k in order, as in {@link #rows1}.
     */
    private static void rows1x4(float[] a, int x0, float[] pw, int base, int K, float[] dst, int d0) {
        int b1 = base + K * P;
        int b2 = b1 + K * P;
        int b3 = b2 + K * P;
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
        FloatVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        for (int k = 0; k < K; k++) {
            FloatVector x = FloatVector.broadcast(S, a[x0 + k]);
            int i = k * P;
            c00 = FloatVector.fromArray(S, pw, base + i).fma(x, c00);
            c01 = FloatVector.fromArray(S, pw, base + i + L).fma(x, c01);
            c10 = FloatVector.fromArray(S, pw, b1 + i).fma(x, c10);
            c11 = FloatVector.fromArray(S, pw, b1 + i + L).fma(x, c11);
            c20 = FloatVector.fromArray(S, pw, b2 + i).fma(x, c20);
            c21 = FloatVector.fromArray(S, pw, b2 + i + L).fma(x, c21);
            c30 = FloatVector.fromArray(S, pw, b3 + i).fma(x, c30);
            c31 = FloatVector.fromArray(S, pw, b3 + i + L).fma(x, c31);
        }
        c00.intoArray(dst, d0);
        c01.intoArray(dst, d0 + L);
        c10.intoArray(dst, d0 + P);
        c11.intoArray(dst, d0 + P + L);
        c20.intoArray(dst, d0 + 2 * P);
        c21.intoArray(dst, d0 + 2 * P + L);
        c30.intoArray(dst, d0 + 3 * P);
        c31.intoArray(dst, d0 + 3 * P + L);
    }

    /** One row; as {@link #rows8}. */
    private static void rows1(float[] a, int x0, float[] pw, int base, int K, float[] dst, int d0) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        for (int k = 0; k < K; k++) {
            FloatVector x = FloatVector.broadcast(S, a[x0 + k]);
            c0 = FloatVector.fromArray(S, pw, base + k * P).fma(x, c0);
            c1 = FloatVector.fromArray(S, pw, base + k * P + L).fma(x, c1);
        }
        c0.intoArray(dst, d0);
        c1.intoArray(dst, d0 + L);
    }
}
