package org.fedcot.tensor.cpu;

import static org.fedcot.tensor.cpu.FastPathAssertions.assertClose;

import java.util.SplittableRandom;
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
