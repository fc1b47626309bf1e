package org.fedcot.tensor.cpu;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * CPU fast path of attention over a key/value cache ({@link
 * org.fedcot.tensor.kernels.CachedAttentionKernels#attend}, same layouts and result): the query-key
 * dot products and the probability-weighted sum of values run on vectors of head dimensions, reading
 * the cache where it lies, and the softmax's exponentials on vectors of positions. Two passes per
 * query row (scores with their maximum, then the weighted sum) replace the portable kernel's online
 * rescaling. Each row is computed alone, the same way whatever the batch or the thread split.
 */
final class FastCachedAttention {
    private static final VectorSpecies<Float> S = Lanes.SPECIES;
    private static final int L = S.length();
    /** Whether {@link #scores} folds four lane sums together (it needs at least four lanes). */
    private static final boolean FOUR_AT_ONCE = L >= 4;
    /** Lanes in the upper half. */
    private static final VectorMask<Float> HIGH_HALF = VectorMask.fromLong(S, FOUR_AT_ONCE ? -1L << (L / 2) : 0);
    /** Lanes in the second quarter of either half. */
    private static final VectorMask<Float> ODD_QUARTERS = oddQuarters();
    /** {@code SWAP[f]} moves lane {@code j ^ (L >> (f + 1))} to lane j: halves, quarters, and so down to neighbours. */
    private static final VectorShuffle<Float>[] SWAP = swaps();

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
        float[] p = new float[(pos + TN + L - 1) / L * L]; // whole vectors, for exponentiate
        for (int idx = lo; idx < hi; idx++) {
            int h = idx % NH;
            int t = (idx / NH) % TN;
            int b = idx / (NH * TN);
            int head = (b * capacity * NKV + h / group) * D;
            int qRow = qOff + idx * D;
            int last = pos + t;
            float max = scores(p, q, qRow, kc, kOff + head, stride, last, D, scale);
            float inv = 1f / exponentiate(p, last, max);
            int oRow = outOff + idx * D;
            int vHead = vOff + head;
            int d = 0;
            // four vectors of the head side by side (then three, two, one), so their chains over the positions overlap
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
            if (d + 3 * L == dv) { // a head of three vectors (stories15M's 48 dimensions): one pass, not two
                FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0;
                for (int j = 0; j <= last; j++) {
                    FloatVector pj = FloatVector.broadcast(S, p[j]);
                    int v0 = vHead + j * stride + d;
                    a0 = FloatVector.fromArray(S, vc, v0).fma(pj, a0);
                    a1 = FloatVector.fromArray(S, vc, v0 + L).fma(pj, a1);
                    a2 = FloatVector.fromArray(S, vc, v0 + 2 * L).fma(pj, a2);
                }
                a0.mul(inv).intoArray(out, oRow + d);
                a1.mul(inv).intoArray(out, oRow + d + L);
                a2.mul(inv).intoArray(out, oRow + d + 2 * L);
                d += 3 * L;
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
     * {@code p[s] = exp(p[s] - max)} for s in [0, last], vector by vector, returning their sum; the rest
     * of the last vector becomes 0. One {@link Math#exp} per position cost about as much as the dot
     * products.
     */
    private static float exponentiate(float[] p, int last, float max) {
        int end = (last + L) / L * L;
        Arrays.fill(p, last + 1, end, Float.NEGATIVE_INFINITY);
        FloatVector m = FloatVector.broadcast(S, max);
        FloatVector sum = FloatVector.zero(S);
        for (int s = 0; s < end; s += L) {
            FloatVector e = VectorExp.exp(FloatVector.fromArray(S, p, s).sub(m));
            e.intoArray(p, s);
            sum = sum.add(e);
        }
        return Lanes.sum(sum);
    }

    /**
     * The scaled scores {@code p[s] = q . k_s / sqrt(D)} of one query row against keys {@code s in [0, last]}
     * (from k0, stride apart), returning their maximum. Four positions at a time, their four lane sums
     * folded together in one tree (a third of the shuffles of four {@link Lanes#sum}s, written out here so
     * no vector crosses a call the JIT might not inline); each sum adds the same pairs in the same order
     * as {@link Lanes#sum}, so the scores are the same bits as one position at a time.
     */
    static float scores(float[] p, float[] q, int qRow, float[] kc, int k0, int stride, int last, int D, float scale) {
        int dv = D - D % L;
        float max = Float.NEGATIVE_INFINITY;
        int s = 0;
        for (; FOUR_AT_ONCE && s + 3 <= last; s += 4) {
            int r0 = k0 + s * stride;
            int r1 = r0 + stride;
            int r2 = r1 + stride;
            int r3 = r2 + stride;
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            for (int d = 0; d < dv; d += L) {
                FloatVector qv = FloatVector.fromArray(S, q, qRow + d);
                a0 = FloatVector.fromArray(S, kc, r0 + d).fma(qv, a0);
                a1 = FloatVector.fromArray(S, kc, r1 + d).fma(qv, a1);
                a2 = FloatVector.fromArray(S, kc, r2 + d).fma(qv, a2);
                a3 = FloatVector.fromArray(S, kc, r3 + d).fma(qv, a3);
            }
            // first fold: each pair's halves side by side; second: the two pairs' quarters; then within quarters
            FloatVector y01 =
                    a0.blend(a1, HIGH_HALF).add(a1.blend(a0, HIGH_HALF).rearrange(SWAP[0]));
            FloatVector y23 =
                    a2.blend(a3, HIGH_HALF).add(a3.blend(a2, HIGH_HALF).rearrange(SWAP[0]));
            FloatVector y = y01.blend(y23, ODD_QUARTERS)
                    .add(y23.blend(y01, ODD_QUARTERS).rearrange(SWAP[1]));
            for (int f = 2; f < SWAP.length; f++) {
                y = y.add(y.rearrange(SWAP[f]));
            }
            float d0 = y.lane(0);
            float d1 = y.lane(L / 2);
            float d2 = y.lane(L / 4);
            float d3 = y.lane(3 * L / 4);
            for (int d = dv; d < D; d++) {
                d0 = Math.fma(q[qRow + d], kc[r0 + d], d0);
                d1 = Math.fma(q[qRow + d], kc[r1 + d], d1);
                d2 = Math.fma(q[qRow + d], kc[r2 + d], d2);
                d3 = Math.fma(q[qRow + d], kc[r3 + d], d3);
            }
            p[s] = d0 * scale;
            p[s + 1] = d1 * scale;
            p[s + 2] = d2 * scale;
            p[s + 3] = d3 * scale;
            max = Math.max(max, Math.max(Math.max(p[s], p[s + 1]), Math.max(p[s + 2], p[s + 3])));
        }
        for (; s <= last; s++) {
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

    private static VectorMask<Float> oddQuarters() {
        long bits = 0;
        for (int j = 0; FOUR_AT_ONCE && j < L; j++) {
            if ((j & (L / 4)) != 0) {
                bits |= 1L << j;
            }
        }
        return VectorMask.fromLong(S, bits);
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] swaps() {
        int steps = Integer.numberOfTrailingZeros(L);
        VectorShuffle<Float>[] swaps = new VectorShuffle[steps];
        for (int f = 0; f < steps; f++) {
            int distance = L >> (f + 1);
            swaps[f] = VectorShuffle.fromOp(S, j -> j ^ distance);
        }
        return swaps;
    }
}
