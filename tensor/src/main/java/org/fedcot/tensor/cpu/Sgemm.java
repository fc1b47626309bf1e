package org.fedcot.tensor.cpu;

import static org.fedcot.tensor.cpu.SgemmPacking.packA;
import static org.fedcot.tensor.cpu.SgemmPacking.packB;

import java.util.Arrays;
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
 * memory ({@link SgemmPacking}). C is split over the cores by whole micro-tiles; each thread packs
 * into its own buffers, kept per thread so a training loop allocates nothing large per call.
 * (Sharing one packed B panel between the threads, packed together and then swept by row blocks
 * handed out from a counter, measured no faster at 2048^3 and 4096^3 on two cores, often slower:
 * its two fork/joins per K slice cost about what the packing they save does.)
 */
public final class Sgemm {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector (16 with AVX-512). */
    static final int L = S.length();
    /**
     * Micro-tile rows: one broadcast A element per row per k step. Taller tiles (12 x 2L, 14 x 2L) and
     * wider ones (8 x 3L) measured no faster on Zen 5, and 8 x 3L with the k loop unrolled was slower.
     */
    static final int MR = 6;
    /** Micro-tile columns: two vectors of B per k step, so 2*MR accumulators. */
    static final int NR = 2 * L;
    /** Depth of a K slice: a KC x NR strip of packed B (32 KiB) fits in L1 (48 KiB on Zen 5). */
    private static final int KC = 256;
    /** Rows of A packed at once (a multiple of MR): the MC x KC block (384 KiB) stays in L2. */
    private static final int MC = 64 * MR;
    /**
     * Columns of B packed at once. A is packed again for every NC-wide block, which at 1024 took 6%
     * of a 4096^3 product; at 4096 a thread's share of most products packs A once. The KC x NC panel
     * (up to 4 MiB) sits in L3 and {@link #block} pulls one strip of it into L1 at a time. (KC 192
     * or 320 and MC 192 or 768 measured within noise of these.)
     */
    private static final int NC = 4096;
    /** Rough cycles of one micro-kernel k step (MR x NR multiply-adds), for {@link #worthIt}. */
    private static final long KERNEL_STEP_CYCLES = 12;
    /** Rough cycles to pack one element, and the fixed cost of a call. */
    private static final long PACK_CYCLES = 2, CALL_CYCLES = 400;
    /** Rough cycles per multiply-add of the portable scalar loop (a dependent add chain). */
    private static final long PORTABLE_MAC_CYCLES = 3;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /** One thread's packing buffers. */
    private static final class Buffers {
        final float[] a = new float[MC * KC];
        /** Scratch tile for micro-tiles that overhang C's edges. */
        final float[] edge = new float[MR * NR];
        /** Gather offsets {@code l * ldb} for packing transposed B. */
        final int[] columnStride = new int[L];
        /** Packed B, grown to what the products so far needed: the full KC x NC panel is 4 MiB. */
        private float[] b = new float[0];

        /** The B buffer, large enough for one packed panel of an N-column, K-deep product. */
        float[] panel(int N, int K) {
            int size = roundUp(Math.min(N, NC), NR) * Math.min(K, KC);
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }
    }

    private Sgemm() {}

    /**
     * Whether this path beats the portable kernel on an M x N x K product. Tiles are padded to MR x NR
     * and both operands are packed, so tiny products and thin ones (a dot product, N = 1) lose.
     */
    public static boolean worthIt(int M, int N, int K) {
        long tilesM = ceilDiv(M, MR);
        long tilesN = ceilDiv(N, NR);
        long fast =
                KERNEL_STEP_CYCLES * tilesM * tilesN * K + PACK_CYCLES * (tilesM * MR + tilesN * NR) * K + CALL_CYCLES;
        return fast < PORTABLE_MAC_CYCLES * M * N * K;
    }

    /**
     * {@code C (+)= op(A) op(B)} over all of C; arguments as in
     * {@link org.fedcot.tensor.kernels.MatmulKernels#gemm}.
     */
    public static void gemm(
            boolean transA,
            boolean transB,
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
        if (K <= 0) {
            if (!accumulate) {
                for (int i = 0; i < M; i++) {
                    Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + N, 0f);
                }
            }
            return;
        }
        // Parallel's cost unit is one kernel k step per micro-tile. Waking a worker costs tens of
        // microseconds, so this keeps products below about 150^3 on one core, where they measured faster.
        if (splitColumns(M, N, K, Parallel.threads())) {
            Parallel.forRange(ceilDiv(N, NR), (long) ceilDiv(M, MR) * K, (lo, hi) -> {
                int j0 = lo * NR;
                int n = Math.min(N, hi * NR) - j0;
                int bo = bOff + (transB ? j0 * ldb : j0);
                serial(transA, transB, M, n, K, a, aOff, lda, b, bo, ldb, c, cOff + j0, ldc, accumulate);
            });
        } else {
            Parallel.forRange(ceilDiv(M, MR), (long) ceilDiv(N, NR) * K, (lo, hi) -> {
                int i0 = lo * MR;
                int m = Math.min(M, hi * MR) - i0;
                int ao = aOff + (transA ? i0 : i0 * lda);
                serial(transA, transB, m, N, K, a, ao, lda, b, bOff, ldb, c, cOff + i0 * ldc, ldc, accumulate);
            });
        }
    }

    /**
     * Whether to give each thread a range of C's columns (else a range of its rows). Threads pack
     * independently, so splitting columns makes every thread pack all of A (once per NC-wide block
     * of its share) and splitting rows makes every thread pack all of B; take the cheaper, as long
     * as there are enough micro-tiles across to go round.
     */
    private static boolean splitColumns(int M, int N, int K, int threads) {
        int tilesM = ceilDiv(M, MR);
        int tilesN = ceilDiv(N, NR);
        if (tilesN < threads || tilesM < threads) {
            return tilesN >= tilesM;
        }
        long packIfColumns = (long) M * K * ceilDiv(ceilDiv(N, threads), NC) + (long) K * N / threads;
        long packIfRows = (long) K * N + (long) ceilDiv(M, threads) * K * ceilDiv(N, NC);
        return packIfColumns <= packIfRows;
    }

    /** The blocked product on the calling thread. */
    private static void serial(
            boolean transA,
            boolean transB,
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
        Buffers buf = BUFFERS.get();
        float[] panel = buf.panel(N, K);
        for (int jc = 0; jc < N; jc += NC) {
            int nc = Math.min(NC, N - jc);
            for (int pc = 0; pc < K; pc += KC) {
                int kc = Math.min(KC, K - pc);
                // Later K slices add onto what the first one wrote.
                boolean acc = accumulate || pc > 0;
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, panel, buf.columnStride);
                for (int ic = 0; ic < M; ic += MC) {
                    int mc = Math.min(MC, M - ic);
                    packA(transA, a, aOff, lda, ic, mc, pc, kc, buf.a);
                    block(mc, nc, kc, buf.a, panel, buf.edge, c, cOff + ic * ldc + jc, ldc, acc);
                }
            }
        }
    }

    /**
     * Multiplies a packed mc x kc block of A ({@code ap}) by a packed kc x nc panel of B ({@code bp})
     * into C; {@code edge} is MR x NR scratch. The B strip is the outer loop (BLIS order): one
     * kc x NR strip (32 KiB) stays in L1 while the micro-kernel sweeps the whole A block out of L2,
     * which costs MR floats of A per k step. With the loops the other way round every k step reads
     * NR floats of B, and the B panel (1 MiB or more) does not fit in L2 beside the A block, so the
     * kernel waited on L3.
     */
    private static void block(
            int mc, int nc, int kc, float[] ap, float[] bp, float[] edge, float[] c, int cOff, int ldc, boolean acc) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int bIdx = jr * kc;
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir);
                int aIdx = ir * kc;
                int ci = cOff + ir * ldc + jr;
                if (mr == MR && nr == NR) {
                    kernel(kc, ap, aIdx, bp, bIdx, c, ci, ldc, acc);
                } else {
                    // The packed panels are zero-padded, so compute a full tile aside and copy its live part.
                    kernel(kc, ap, aIdx, bp, bIdx, edge, 0, NR, false);
                    copyEdge(edge, mr, nr, c, ci, ldc, acc);
                }
            }
        }
    }

    /**
     * The MR x NR micro-kernel: {@code C[r][0..NR) (+)= sum_k A[k][r] * B[k][0..NR)} over packed
     * strips. The 12 sums live in locals and every vector op is written out in this one method:
     * a vector handed to a helper C2 declines to inline gets boxed on the heap every iteration.
     */
    private static void kernel(
            int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc, boolean acc) {
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

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    private static int roundUp(int x, int m) {
        return ceilDiv(x, m) * m;
    }
}
