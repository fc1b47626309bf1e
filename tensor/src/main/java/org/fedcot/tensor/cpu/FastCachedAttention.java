package org.fedcot.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * CPU fast path of attention over a key/value cache ({@link
 * org.fedcot.tensor.kernels.CachedAttentionKernels#attend}, same layouts and result): the query-key
 * dot products and the probability-weighted sum of values run on vectors of head dimensions, reading
 * the cache where it lies. Two passes per query row (scores with their maximum, then the weighted
 * sum) replace the portable kernel's online rescaling. Each row is computed alone, the same way
 * whatever the batch or the thread split.
 */
final class FastCachedAttention {
    private static final VectorSpecies<Float> S = Lanes.SPECIES;
    private static final int L = S.length();

    private FastCachedAttention() {}

    /** Vectors pay once a head holds at least one of them. */
    static boolean worthIt(int D) {
        return D >= L;
    }

    /** Every query row of {@code q} [B, TN, NH, D] into {@code out} (offset 0); arguments as the portable kernel's. */
    static void attend(
            float[] out,
            float[] q,
            int qOff,
            float[] kc,
            int kOff,
            float[] vc,
            int vOff,
            int B,
            int TN,
            int capacity,
            int pos,
            int NH,
            int NKV,
            int D) {
        Parallel.forRange(
                B * TN * NH,
                2L * (pos + TN) * D,
                (lo, hi) -> rows(out, 0, q, qOff, kc, kOff, vc, vOff, TN, capacity, pos, NH, NKV, D, lo, hi));
    }

    /**
     * One new token per row, each row over its own batch-1 cache: row r's query heads
     * {@code q[qOff + r * NH * D, ...)} attend over {@code kc[r]}/{@code vc[r]} (from kOff[r]/vOff[r],
     * capacity[r] positions, [0, pos[r]] filled) into {@code out[r * NH * D, ...)}. One split over all
     * rows' heads; each head is computed exactly as {@link #attend} computes it alone.
     */
    static void attendRows(
            float[] out,
            float[] q,
            int qOff,
            float[][] kc,
            int[] kOff,
            float[][] vc,
            int[] vOff,
            int[] capacity,
            int[] pos,
            int NH,
            int NKV,
            int D) {
        int rows = pos.length;
        long longest = 0;
        for (int p : pos) {
            longest = Math.max(longest, p + 1);
        }
        Parallel.forRange(rows * NH, 2L * longest * D, (lo, hi) -> {
            for (int r = lo / NH; r * NH < hi; r++) {
                int first = Math.max(lo, r * NH) - r * NH;
                int last = Math.min(hi, (r + 1) * NH) - r * NH;
                rows(
                        out,
                        r * NH * D,
                        q,
                        qOff + r * NH * D,
                        kc[r],
                        kOff[r],
                        vc[r],
                        vOff[r],
                        1,
                        capacity[r],
                        pos[r],
                        NH,
                        NKV,
                        D,
                        first,
                        last);
            }
        });
    }

    /** Query rows {@code idx = (b*TN + t)*NH + h} in [lo, hi), into out from outOff. */
    private static void rows(
            float[] out,
            int outOff,
            float[] q,
            int qOff,
            float[] kc,
            int kOff,
            float[] vc,
            int vOff,
            int TN,
            int capacity,
            int pos,
            int NH,
            int NKV,
            int D,
            int lo,
            int hi) {
        float scale = 1f / (float) Math.sqrt(D);
        int group = NH / NKV;
        int stride = NKV * D;
        int dv = D - D % L;
        float[] p = new float[pos + TN];
        for (int idx = lo; idx < hi; idx++) {
            int h = idx % NH;
            int t = (idx / NH) % TN;
            int b = idx / (NH * TN);
            int head = (b * capacity * NKV + h / group) * D;
            int qRow = qOff + idx * D;
            int last = pos + t;
            float max = scores(p, q, qRow, kc, kOff + head, stride, last, D, scale);
            VectorExp.expShifted(p, 0, last + 1, max);
            float sum = 0f;
            for (int s = 0; s <= last; s++) {
                sum += p[s];
            }
            float inv = 1f / sum;
            int oRow = outOff + idx * D;
            int vHead = vOff + head;
            int d = 0;
            // four vectors of the head side by side (then two, then one), so their chains over the positions overlap
            for (; d + 4 * L <= dv; d += 4 * L) {
                FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
                for (int j = 0; j <= last; j++) {
                    FloatVector pj = FloatVector.broadcast(S, p[j]);
                    int v0 = vHead + j * stride + d;
                    a0 = FloatVector.fromArray(S, vc, v0).fma(pj, a0);
                    a1 = FloatVector.fromArray(S, vc, v0 + L).fma(pj, a1);
                    a2 = FloatVector.fromArray(S, vc, v0 + 2 * L).fma(pj, a2);
                    a3 = FloatVector.fromArray(S, vc, v0 + 3 * L).fma(pj, a3);
                }
                a0.mul(inv).intoArray(out, oRow + d);
                a1.mul(inv).intoArray(out, oRow + d + L);
                a2.mul(inv).intoArray(out, oRow + d + 2 * L);
                a3.mul(inv).intoArray(out, oRow + d + 3 * L);
            }
            for (; d + 2 * L <= dv; d += 2 * L) {
                FloatVector a0 = FloatVector.zero(S), a1 = a0;
                for (int j = 0; j <= last; j++) {
                    FloatVector pj = FloatVector.broadcast(S, p[j]);
                    int v0 = vHead + j * stride + d;
                    a0 = FloatVector.fromArray(S, vc, v0).fma(pj, a0);
                    a1 = FloatVector.fromArray(S, vc, v0 + L).fma(pj, a1);
                }
                a0.mul(inv).intoArray(out, oRow + d);
                a1.mul(inv).intoArray(out, oRow + d + L);
            }
            for (; d < dv; d += L) {
                FloatVector a0 = FloatVector.zero(S);
                for (int j = 0; j <= last; j++) {
                    FloatVector pj = FloatVector.broadcast(S, p[j]);
                    int v0 = vHead + j * stride + d;
                    a0 = FloatVector.fromArray(S, vc, v0).fma(pj, a0);
                }
                a0.mul(inv).intoArray(out, oRow + d);
            }
            for (; d < D; d++) {
                float acc = 0f;
                for (int j = 0; j <= last; j++) {
                    acc = Math.fma(p[j], vc[vHead + j * stride + d], acc);
                }
                out[oRow + d] = acc * inv;
            }
        }
    }

    /**
     * The scaled scores {@code p[s] = q . k_s / sqrt(D)} of one query row against keys {@code s in [0, last]}
     * (from k0, stride apart), returning their maximum. A method of its own, so the JIT inlines its lane
     * sums within a small compile rather than at the end of the large kernel's budget.
     */
    private static float scores(
            float[] p, float[] q, int qRow, float[] kc, int k0, int stride, int last, int D, float scale) {
        int dv = D - D % L;
        float max = Float.NEGATIVE_INFINITY;
        for (int s = 0; s <= last; s++) {
            int kRow = k0 + s * stride;
            FloatVector acc = FloatVector.zero(S);
            for (int d = 0; d < dv; d += L) {
                acc = FloatVector.fromArray(S, kc, kRow + d).fma(FloatVector.fromArray(S, q, qRow + d), acc);
            }
            float dot = Lanes.sum(acc);
            for (int d = dv; d < D; d++) {
                dot = Math.fma(q[qRow + d], kc[kRow + d], dot);
            }
            p[s] = dot * scale;
            max = Math.max(max, p[s]);
        }
        return max;
    }
}
