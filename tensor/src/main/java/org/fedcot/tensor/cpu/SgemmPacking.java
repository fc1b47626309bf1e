package org.fedcot.tensor.cpu;

import static org.fedcot.tensor.cpu.Sgemm.L;
import static org.fedcot.tensor.cpu.Sgemm.MR;
import static org.fedcot.tensor.cpu.Sgemm.NR;
import static org.fedcot.tensor.cpu.Sgemm.S;

import jdk.incubator.vector.FloatVector;

/**
 * Copies slices of {@link Sgemm}'s operands into the packed layouts its micro-kernel reads: A as
 * MR-row strips {@code [k][MR]}, B as NR-column strips {@code [k][NR]}, each strip contiguous and
 * zero-padded to full width. Packing absorbs the transposes and leading dimensions.
 */
final class SgemmPacking {
    private SgemmPacking() {}

    /**
     * Packs rows {@code [i0, i0+mc)} x depth {@code [k0, k0+kc)} of op(A) into MR-row strips laid out
     * {@code [k][MR]}, zero-filling the rows past mc in the last strip.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int k0, int kc, float[] ap) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int dst = ir * kc;
            if (mr < MR) {
                packAEdge(transA, a, aOff, lda, i0 + ir, mr, k0, kc, ap, dst);
            } else if (transA) {
                packAColumns(a, aOff + k0 * lda + i0 + ir, lda, kc, ap, dst);
            } else {
                packARows(a, aOff + (i0 + ir) * lda + k0, lda, kc, ap, dst);
            }
        }
    }

    /**
     * A full strip of untransposed A: MR rows read side by side, interleaved k by k. (Gathering
     * eight k steps of the six rows into three vectors measured slower than these scalar copies.)
     */
    private static void packARows(float[] a, int src, int lda, int kc, float[] ap, int dst) {
        int s1 = src + lda, s2 = s1 + lda, s3 = s2 + lda, s4 = s3 + lda, s5 = s4 + lda;
        for (int k = 0; k < kc; k++) {
            int d = dst + k * MR;
            ap[d] = a[src + k];
            ap[d + 1] = a[s1 + k];
            ap[d + 2] = a[s2 + k];
            ap[d + 3] = a[s3 + k];
            ap[d + 4] = a[s4 + k];
            ap[d + 5] = a[s5 + k];
        }
    }

    /** A full strip of transposed A: each k already holds the MR values contiguously. */
    private static void packAColumns(float[] a, int src, int lda, int kc, float[] ap, int dst) {
        for (int k = 0; k < kc; k++) {
            int s = src + k * lda;
            int d = dst + k * MR;
            ap[d] = a[s];
            ap[d + 1] = a[s + 1];
            ap[d + 2] = a[s + 2];
            ap[d + 3] = a[s + 3];
            ap[d + 4] = a[s + 4];
            ap[d + 5] = a[s + 5];
        }
    }

    /** The last, partial strip ({@code mr < MR} rows from row {@code i}), zero-padded to MR. */
    private static void packAEdge(
            boolean transA, float[] a, int aOff, int lda, int i, int mr, int k0, int kc, float[] ap, int dst) {
        for (int k = 0; k < kc; k++) {
            int d = dst + k * MR;
            for (int r = 0; r < MR; r++) {
                int row = i + r;
                int kk = k0 + k;
                ap[d + r] = r >= mr ? 0f : transA ? a[aOff + kk * lda + row] : a[aOff + row * lda + kk];
            }
        }
    }

    /**
     * Packs depth {@code [k0, k0+kc)} x columns {@code [j0, j0+nc)} of op(B) into NR-column strips
     * laid out {@code [k][NR]}, zero-filling the columns past nc in the last strip. {@code columnStride}
     * is the caller's scratch of L ints for transposed B.
     */
    static void packB(
            boolean transB,
            float[] b,
            int bOff,
            int ldb,
            int k0,
            int kc,
            int j0,
            int nc,
            float[] bp,
            int[] columnStride) {
        if (transB) {
            for (int l = 0; l < L; l++) {
                columnStride[l] = l * ldb;
            }
        }
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int dst = jr * kc;
            int j = j0 + jr;
            if (nr < NR) {
                packBEdge(transB, b, bOff, ldb, k0, kc, j, nr, bp, dst);
            } else if (transB) {
                packBColumns(b, bOff + j * ldb + k0, ldb, kc, columnStride, bp, dst);
            } else {
                packBRows(b, bOff + k0 * ldb + j, ldb, kc, bp, dst);
            }
        }
    }

    /** A full strip of untransposed B: each k row already holds NR contiguous values. */
    private static void packBRows(float[] b, int src, int ldb, int kc, float[] bp, int dst) {
        for (int k = 0; k < kc; k++) {
            int s = src + k * ldb;
            int d = dst + k * NR;
            FloatVector.fromArray(S, b, s).intoArray(bp, d);
            FloatVector.fromArray(S, b, s + L).intoArray(bp, d + L);
        }
    }

    /**
     * A full strip of transposed B, whose columns are rows in memory: gathers one k across L
     * columns at a time ({@code stride[l] = l * ldb}), far cheaper than scalar scattered stores.
     */
    private static void packBColumns(float[] b, int src, int ldb, int kc, int[] stride, float[] bp, int dst) {
        int src1 = src + L * ldb;
        for (int k = 0; k < kc; k++) {
            int d = dst + k * NR;
            FloatVector.fromArray(S, b, src + k, stride, 0).intoArray(bp, d);
            FloatVector.fromArray(S, b, src1 + k, stride, 0).intoArray(bp, d + L);
        }
    }

    /** The last, partial strip ({@code nr < NR} columns from column {@code j}), zero-padded to NR. */
    private static void packBEdge(
            boolean transB, float[] b, int bOff, int ldb, int k0, int kc, int j, int nr, float[] bp, int dst) {
        for (int k = 0; k < kc; k++) {
            int d = dst + k * NR;
            int kk = k0 + k;
            for (int c = 0; c < NR; c++) {
                int col = j + c;
                bp[d + c] = c >= nr ? 0f : transB ? b[bOff + col * ldb + kk] : b[bOff + kk * ldb + col];
            }
        }
    }
}
