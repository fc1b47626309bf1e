package org.fedcot.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.fedcot.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Dropout keeps each element with probability 1 - p, independently, and is reproducible from its seed. */
class DropoutLawTest {
    private static final int N = 200_000;

    @Test
    void keptFractionFollowsTheBinomialLaw() {
        float[] ones = new float[N];
        Arrays.fill(ones, 1f);
        for (float p : new float[]{0.1f, 0.5f, 0.9f}) {
            Tensor out = Dropout.dropout(Tensor.of(ones, N), p, 99L);
            int kept = 0;
            for (int i = 0; i < N; i++) {
                float v = out.get(i);
                assertTrue(v == 0f || Math.abs(v - 1f / (1f - p)) < 1e-6f, "survivor not scaled by 1/(1-p)");
                kept += v != 0f ? 1 : 0;
            }
            double mean = N * (1 - p);
            double sd = Math.sqrt(N * p * (1 - p));
            assertTrue(Math.abs(kept - mean) < 5 * sd, "p=" + p + ": kept " + kept + ", expected " + mean + " +- 5 x " + sd);
        }
    }

    @Test
    void neighbouringElementsAreIndependent() {
        float[] ones = new float[N];
        Arrays.fill(ones, 1f);
        float p = 0.5f;
        Tensor out = Dropout.dropout(Tensor.of(ones, N), p, 5L);
        int bothKept = 0;
        for (int i = 0; i + 1 < N; i += 2) {
            bothKept += out.get(i) != 0f && out.get(i + 1) != 0f ? 1 : 0;
        }
        double pairs = N / 2.0;
        double q = (1 - p) * (1 - p);
        assertTrue(Math.abs(bothKept - pairs * q) < 5 * Math.sqrt(pairs * q * (1 - q)), "pairs kept together: " + bothKept);
    }

    @Test
    void sameSeedSameMaskOtherSeedOtherMask() {
        float[] x = new float[1000];
        Arrays.fill(x, 1f);
        float[] a = Dropout.dropout(Tensor.of(x, 1000), 0.3f, 1L).toArray();
        float[] b = Dropout.dropout(Tensor.of(x, 1000), 0.3f, 1L).toArray();
        float[] c = Dropout.dropout(Tensor.of(x, 1000), 0.3f, 2L).toArray();
        assertArrayEquals(a, b);
        assertTrue(!Arrays.equals(a, c));
        Tensor in = Tensor.of(x, 1000);
        assertEquals(in, Dropout.dropout(in, 0f, 1L), "p = 0 is the identity");
    }
}
