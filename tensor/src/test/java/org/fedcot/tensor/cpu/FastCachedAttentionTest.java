package org.fedcot.tensor.cpu;

import static org.fedcot.tensor.cpu.FastPathAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.fedcot.tensor.kernels.CachedAttentionKernels;
import org.junit.jupiter.api.Test;

/**
 * The vectorised attention over a key/value cache equals the portable kernel: grouped heads, several
 * new tokens after a cached prefix, a cache larger than its fill, operands at nonzero offsets, and
 * head sizes with and without a scalar tail after the last full vector.
 */
class FastCachedAttentionTest {
    private final SplittableRandom rng = new SplittableRandom(5);

    @Test
    void matchesThePortableKernel() {
        int lanes = Lanes.SPECIES.length();
        check(1, 1, 0, 4, 4, lanes);
        check(1, 1, 40, 6, 6, 3 * lanes);
        check(2, 3, 7, 4, 2, lanes + 5);
        check(3, 2, 0, 8, 1, 2 * lanes + 1);
    }

    /**
     * The scores, four positions folded together, are bit for bit one {@link Lanes#sum} per position (the
     * same pairs added in the same order), whatever the count of positions and the head size's tail.
     */
    @Test
    void scoresFourAtOnceAreTheBitsOfOneLaneSumPerPosition() {
        int lanes = Lanes.SPECIES.length();
        for (int D : new int[] {lanes, 3 * lanes, 2 * lanes + 5}) {
            for (int last = 0; last < 11; last++) {
                int stride = D + 7;
                float[] q = random(D + 2);
                float[] k = random(3 + (last + 1) * stride);
                float scale = 0.37f;
                float[] p = new float[last + 1];
                float max = FastCachedAttention.scores(p, q, 2, k, 3, stride, last, D, scale);
                float want = Float.NEGATIVE_INFINITY;
                for (int s = 0; s <= last; s++) {
                    int row = 3 + s * stride;
                    FloatVector acc = FloatVector.zero(Lanes.SPECIES);
                    int dv = D - D % lanes;
                    for (int d = 0; d < dv; d += lanes) {
                        acc = FloatVector.fromArray(Lanes.SPECIES, k, row + d)
                                .fma(FloatVector.fromArray(Lanes.SPECIES, q, 2 + d), acc);
                    }
                    float dot = Lanes.sum(acc);
                    for (int d = dv; d < D; d++) {
                        dot = Math.fma(q[2 + d], k[row + d], dot);
                    }
                    float score = dot * scale;
                    assertEquals(Float.floatToRawIntBits(score), Float.floatToRawIntBits(p[s]), "D " + D + " s " + s);
                    want = Math.max(want, score);
                }
                assertEquals(want, max);
            }
        }
    }

    /** B rows of TN new tokens at positions [pos, pos + TN) over a cache of room for pos + TN + 3. */
    private void check(int B, int TN, int pos, int NH, int NKV, int D) {
        int capacity = pos + TN + 3;
        int qOff = 3;
        int kOff = 5;
        int vOff = 2;
        float[] q = random(qOff + B * TN * NH * D);
        float[] k = random(kOff + B * capacity * NKV * D);
        float[] v = random(vOff + B * capacity * NKV * D);
        float[] expected = new float[B * TN * NH * D];
        CachedAttentionKernels.attend(
                expected, 0, q, qOff, k, kOff, v, vOff, TN, capacity, pos, NH, NKV, D, 0, B * TN * NH);
        float[] actual = new float[expected.length];
        FastCachedAttention.attend(actual, q, qOff, k, kOff, v, vOff, B, TN, capacity, pos, NH, NKV, D);
        assertClose("B=" + B + " TN=" + TN + " pos=" + pos + " NH=" + NH + " NKV=" + NKV + " D=" + D, expected, actual);
    }

    private float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rng.nextDouble() * 4 - 2);
        }
        return a;
    }
}
