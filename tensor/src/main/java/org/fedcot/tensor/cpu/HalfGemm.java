package org.fedcot.tensor.cpu;

import org.fedcot.tensor.HalfWeight;

/**
 * {@code C (+)= A · op(W)} for a frozen 16-bit weight W on the CPU (see
 * {@link org.fedcot.tensor.Backend#gemmHalf}): W is widened one slab at a time, {@link #SLAB} steps of
 * the product's depth across all N columns, into a per-thread float32 buffer, and each slab is
 * multiplied by {@link CpuBackend#gemm} (Gemv for a few rows, Sgemm for many), adding into C. So the
 * weight stays 2 bytes per value and the float32 values in memory at any time are one slab of
 * {@code N x SLAB}, never the whole weight. Widening costs one pass over W per call, small beside the
 * product's M passes.
 */
final class HalfGemm {
    /**
     * Depth of a slab. A product of depth K at most SLAB is one plain float32 product of the widened
     * weight, bit for bit; 256 is also Sgemm's own depth slice, so a deeper product adds its slabs where
     * Sgemm would add its slices.
     */
    static final int SLAB = 256;

    private static final ThreadLocal<float[][]> BUFFER = ThreadLocal.withInitial(() -> new float[][] {new float[0]});

    private HalfGemm() {}

    /** As {@link org.fedcot.tensor.Backend#gemmHalf}. */
    static void gemm(
            boolean transW,
            int M,
            int N,
            int K,
            float[] a,
            int aOff,
            int lda,
            HalfWeight w,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        int wantRows = transW ? N : K;
        int wantCols = transW ? K : N;
        if (w.rows() != wantRows || w.cols() != wantCols) {
            throw new IllegalArgumentException("gemm: " + w.name() + " is [" + w.rows() + ", " + w.cols()
                    + "] but the product needs [" + wantRows + ", " + wantCols + "]");
        }
        if (M <= 0) { // N and K are the weight's sides, never zero
            return;
        }
        float[] slab = buffer(N * Math.min(SLAB, K));
        for (int k0 = 0; k0 < K; k0 += SLAB) {
            int kc = Math.min(SLAB, K - k0);
            boolean acc = accumulate || k0 > 0; // later slabs add onto what the first wrote
            if (transW) {
                widenColumns(w, k0, kc, slab); // slab [N, kc]: W's rows, columns [k0, k0 + kc)
                CpuBackend.INSTANCE.gemm(false, true, M, N, kc, a, aOff + k0, lda, slab, 0, kc, c, cOff, ldc, acc);
            } else {
                widenRows(w, k0, kc, slab); // slab [kc, N]: W's rows [k0, k0 + kc)
                CpuBackend.INSTANCE.gemm(false, false, M, N, kc, a, aOff + k0, lda, slab, 0, N, c, cOff, ldc, acc);
            }
        }
    }

    /** {@code slab[j * kc + k] = W[j, k0 + k]} for every row j of W. */
    private static void widenColumns(HalfWeight w, int k0, int kc, float[] slab) {
        short[] bits = w.bits();
        int cols = w.cols();
        HalfWeight.Format f = w.format();
        Parallel.forRange(w.rows(), kc, (lo, hi) -> {
            for (int j = lo; j < hi; j++) {
                int src = j * cols + k0;
                int dst = j * kc;
                for (int k = 0; k < kc; k++) {
                    slab[dst + k] = f.widen(bits[src + k]);
                }
            }
        });
    }

    /** {@code slab[k * N + j] = W[k0 + k, j]}: kc whole rows of W, contiguous already. */
    private static void widenRows(HalfWeight w, int k0, int kc, float[] slab) {
        short[] bits = w.bits();
        int cols = w.cols();
        HalfWeight.Format f = w.format();
        Parallel.forRange(kc, cols, (lo, hi) -> {
            for (int i = lo * cols; i < hi * cols; i++) {
                slab[i] = f.widen(bits[k0 * cols + i]);
            }
        });
    }

    /** This thread's slab buffer, grown to at least {@code floats}. */
    private static float[] buffer(int floats) {
        float[][] holder = BUFFER.get();
        if (holder[0].length < floats) {
            holder[0] = new float[floats];
        }
        return holder[0];
    }
}
