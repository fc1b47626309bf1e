package org.fedcot.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fast float32 matrix product with the Vector API, same contract as
 * {@link org.fedcot.tensor.kernels.MatmulKernels#gemm} over all rows of C.
 *
 * <p>The classic blocked layout (Goto/BLIS): K is cut into {@code KC}-deep slices, the slice of B
 * is copied into a packed panel {@code [NR-column strip][k][NR]} and the slice of A into
 * {@code [MR-row strip][k][MR]}; a register-blocked micro-kernel then multiplies one MR-row strip
 * by one NR-column strip with all MR x NR sums held in vector registers. Packing absorbs the
 * transposes and leading dimensions, so every layout runs the same inner loop over contiguous
 * memory. C is split over the cores by whole micro-tiles; each thread packs into its own buffers,
 * kept per thread so a training loop allocates nothing large per call.
 */
public final class Sgemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector (16 with AVX-512). */
    private static final int L = S.length();
    /** Micro-tile rows: one broadcast A element per row per k step. */
    private static final int MR = 6;
    /** Micro-tile columns: two vectors of B per k step, so 2*MR accumulators. */
    private static final int NR = 2 * L;
    /** Depth of a K slice: an MR x KC strip of A stays in L1 while it sweeps the B panel. */
    private static final int KC = 256;
    /** Rows of A packed at once (a multiple of MR). */
    private static final int MC = 16 * MR;
    /** Columns of B packed at once: a KC x NC panel is 512 KiB, half the L2. */
    private static final int NC = 512;
    /** Below this many multiply-adds the portable loop's lack of set-up wins. */
    private static final long MIN_WORK = 32L * 32 * 32;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /** One thread's packing buffers. */
    private static final class Buffers {
        final float[] a = new float[MC * KC];
        final float[] b = new float[roundUp(NC, NR) * KC];
        /** Scratch tile for micro-tiles that overhang C's edges. */
        final float[] edge = new float[MR * NR];
    }

    private Sgemm() {
    }

    /** Whether an M x N x K product is big enough for this path to beat the portable kernel. */
    public static boolean worthIt(int M, int N, int K) {
        return (long) M * N * K >= MIN_WORK;
    }

    /**
     * {@code C (+)= op(A) op(B)} over all of C; arguments as in
     * {@link org.fedcot.tensor.kernels.MatmulKernels#gemm}.
     */
    public static void gemm(boolean transA, boolean transB, int M, int N, int K,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean accumulate) {
        if (M <= 0 || N <= 0) {
            return;
        }
        if (K <= 0) {
            if (!accumulate) {
                for (int i = 0; i < M; i++) {
                    java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + N, 0f);
                }
            }
            return;
        }
        int tilesM = ceilDiv(M, MR);
        int tilesN = ceilDiv(N, NR);
        // Split the dimension with more micro-tiles so both cores get whole tiles to chew on.
        if (tilesN >= tilesM) {
            Parallel.forRange(tilesN, (long) M * K * NR, (lo, hi) -> {
                int j0 = lo * NR;
                int n = Math.min(N, hi * NR) - j0;
                int bo = bOff + (transB ? j0 * ldb : j0);
                serial(transA, transB, M, n, K, a, aOff, lda, b, bo, ldb, c, cOff + j0, ldc, accumulate);
            });
        } else {
            Parallel.forRange(tilesM, (long) N * K * MR, (lo, hi) -> {
                int i0 = lo * MR;
                int m = Math.min(M, hi * MR) - i0;
                int ao = aOff + (transA ? i0 : i0 * lda);
                serial(transA, transB, m, N, K, a, ao, lda, b, bOff, ldb, c, cOff + i0 * ldc, ldc, accumulate);
            });
        }
    }

    /** The blocked product on the calling thread. */
    private static void serial(boolean transA, boolean transB, int M, int N, int K,
                               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float[] c, int cOff, int ldc, boolean accumulate) {
        Buffers buf = BUFFERS.get();
        for (int jc = 0; jc < N; jc += NC) {
            int nc = Math.min(NC, N - jc);
            for (int pc = 0; pc < K; pc += KC) {
                int kc = Math.min(KC, K - pc);
                // Later K slices add onto what the first one wrote.
                boolean acc = accumulate || pc > 0;
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, buf.b);
                for (int ic = 0; ic < M; ic += MC) {
                    int mc = Math.min(MC, M - ic);
                    packA(transA, a, aOff, lda, ic, mc, pc, kc, buf.a);
                    block(mc, nc, kc, buf, c, cOff + ic * ldc + jc, ldc, acc);
                }
            }
        }
    }

    /** Multiplies a packed mc x kc block of A by a packed kc x nc panel of B into C. */
    private static void block(int mc, int nc, int kc, Buffers buf, float[] c, int cOff, int ldc, boolean acc) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int aIdx = ir * kc;
            for (int jr = 0; jr < nc; jr += NR) {
                int nr = Math.min(NR, nc - jr);
                int bIdx = jr * kc;
                int ci = cOff + ir * ldc + jr;
                if (mr == MR && nr == NR) {
                    kernel(kc, buf.a, aIdx, buf.b, bIdx, c, ci, ldc, acc);
                } else {
                    // The packed panels are zero-padded, so compute a full tile aside and copy its live part.
                    kernel(kc, buf.a, aIdx, buf.b, bIdx, buf.edge, 0, NR, false);
                    copyEdge(buf.edge, mr, nr, c, ci, ldc, acc);
                }
            }
        }
    }

    /**
     * The MR x NR micro-kernel: {@code C[r][0..NR) (+)= sum_k A[k][r] * B[k][0..NR)} over packed
     * strips. The 12 sums live in locals and every vector op is written out in this one method:
     * a vector handed to a helper C2 declines to inline gets boxed on the heap every iteration.
     */
    private static void kernel(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc, boolean acc) {
        int c1 = ci + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc;
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (acc) {
            c00 = FloatVector.fromArray(S, c, ci);
            c01 = FloatVector.fromArray(S, c, ci + L);
            c10 = FloatVector.fromArray(S, c, c1);
            c11 = FloatVector.fromArray(S, c, c1 + L);
            c20 = FloatVector.fromArray(S, c, c2);
            c21 = FloatVector.fromArray(S, c, c2 + L);
            c30 = FloatVector.fromArray(S, c, c3);
            c31 = FloatVector.fromArray(S, c, c3 + L);
            c40 = FloatVector.fromArray(S, c, c4);
            c41 = FloatVector.fromArray(S, c, c4 + L);
            c50 = FloatVector.fromArray(S, c, c5);
            c51 = FloatVector.fromArray(S, c, c5 + L);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = FloatVector.zero(S);
        }
        for (int k = 0; k < kc; k++) {
            int bk = bi + k * NR;
            int ak = ai + k * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bk);
            FloatVector b1 = FloatVector.fromArray(S, bp, bk + L);
            FloatVector x = FloatVector.broadcast(S, ap[ak]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[ak + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[ak + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[ak + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[ak + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[ak + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + L);
        c20.intoArray(c, c2);
        c21.intoArray(c, c2 + L);
        c30.intoArray(c, c3);
        c31.intoArray(c, c3 + L);
        c40.intoArray(c, c4);
        c41.intoArray(c, c4 + L);
        c50.intoArray(c, c5);
        c51.intoArray(c, c5 + L);
    }

    /** Copies the live mr x nr corner of a full scratch tile into C. */
    private static void copyEdge(float[] tile, int mr, int nr, float[] c, int ci, int ldc, boolean acc) {
        for (int r = 0; r < mr; r++) {
            int row = ci + r * ldc;
            for (int j = 0; j < nr; j++) {
                c[row + j] = acc ? c[row + j] + tile[r * NR + j] : tile[r * NR + j];
            }
        }
    }

    /**
     * Packs rows {@code [i0, i0+mc)} x depth {@code [k0, k0+kc)} of op(A) into MR-row strips laid out
     * {@code [k][MR]}, zero-filling the rows past mc in the last strip.
     */
    private static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int k0, int kc, float[] ap) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = ir * kc;
            for (int r = 0; r < MR; r++) {
                if (r >= mr) {
                    for (int k = 0; k < kc; k++) {
                        ap[base + k * MR + r] = 0f;
                    }
                } else if (transA) {
                    // A(i,k) = a[k*lda + i]: one column of memory per row of the strip.
                    int src = aOff + k0 * lda + i0 + ir + r;
                    for (int k = 0; k < kc; k++) {
                        ap[base + k * MR + r] = a[src + k * lda];
                    }
                } else {
                    int src = aOff + (i0 + ir + r) * lda + k0;
                    for (int k = 0; k < kc; k++) {
                        ap[base + k * MR + r] = a[src + k];
                    }
                }
            }
        }
    }

    /**
     * Packs depth {@code [k0, k0+kc)} x columns {@code [j0, j0+nc)} of op(B) into NR-column strips
     * laid out {@code [k][NR]}, zero-filling the columns past nc in the last strip.
     */
    private static void packB(boolean transB, float[] b, int bOff, int ldb, int k0, int kc, int j0, int nc, float[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = jr * kc;
            if (transB) {
                // B(k,j) = b[j*ldb + k]: each column is contiguous in memory, scattered into the strip.
                for (int j = 0; j < NR; j++) {
                    if (j >= nr) {
                        for (int k = 0; k < kc; k++) {
                            bp[base + k * NR + j] = 0f;
                        }
                        continue;
                    }
                    int src = bOff + (j0 + jr + j) * ldb + k0;
                    for (int k = 0; k < kc; k++) {
                        bp[base + k * NR + j] = b[src + k];
                    }
                }
            } else {
                for (int k = 0; k < kc; k++) {
                    int src = bOff + (k0 + k) * ldb + j0 + jr;
                    int dst = base + k * NR;
                    System.arraycopy(b, src, bp, dst, nr);
                    if (nr < NR) {
                        java.util.Arrays.fill(bp, dst + nr, dst + NR, 0f);
                    }
                }
            }
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    private static int roundUp(int x, int m) {
        return ceilDiv(x, m) * m;
    }
}
