package org.fedcot.tensor.cpu;

import static org.fedcot.tensor.cpu.FastPathAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.fedcot.tensor.kernels.ActivationKernels;
import org.junit.jupiter.api.Test;

/** The vectorised SwiGLU forward against the portable kernel, and the same bits wherever an element falls. */
class FastSwigluTest {
    private final SplittableRandom rng = new SplittableRandom(11);

    @Test
    void matchesThePortableKernel() {
        int lanes = Lanes.SPECIES.length();
        for (int n : new int[] {1, lanes, 3 * lanes + 5, 100_003}) {
            for (double spread : new double[] {1, 30}) {
                float[] gate = random(n + 3, spread);
                float[] up = random(n + 5, 2);
                float[] want = new float[n];
                ActivationKernels.swigluForward(want, 0, gate, 3, up, 5, 0, n);
                float[] got = new float[n];
                FastSwiglu.forward(got, gate, 3, up, 5, n);
                assertClose("n=" + n + " spread=" + spread, want, got);
            }
        }
    }

    /** Gate values far past exp's range in either direction, and NaN, come out as the portable kernel's. */
    @Test
    void saturatesAndPropagatesLikeThePortableKernel() {
        float[] gate = {200f, -200f, 89f, -89f, Float.NaN, Float.POSITIVE_INFINITY, 0f, -0f};
        float[] up = {1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f};
        float[] want = new float[gate.length];
        ActivationKernels.swigluForward(want, 0, gate, 0, up, 0, 0, gate.length);
        float[] got = new float[gate.length];
        FastSwiglu.forward(got, gate, 0, up, 0, gate.length);
        for (int i = 0; i < gate.length; i++) {
            if (Float.isNaN(want[i])) {
                assertTrue(Float.isNaN(got[i]), "silu(" + gate[i] + ") gave " + got[i]);
            } else {
                assertEquals(want[i], got[i], Math.abs(want[i]) * 1e-6, "silu(" + gate[i] + ")");
            }
        }
    }

    /**
     * An element gets the same bits in the last, partial vector as in a whole one: so a decode row's
     * activation does not depend on how many rows share the array.
     */
    @Test
    void anElementsBitsDoNotDependOnWhereItFalls() {
        int lanes = Lanes.SPECIES.length();
        int n = 4 * lanes + 3;
        float[] gate = random(n, 8);
        float[] up = random(n, 2);
        float[] whole = new float[n];
        FastSwiglu.forward(whole, gate, 0, up, 0, n);
        for (int start = 1; start < n; start += 5) {
            float[] part = new float[n - start];
            FastSwiglu.forward(part, gate, start, up, start, n - start);
            for (int i = 0; i < part.length; i++) {
                assertEquals(
                        Float.floatToRawIntBits(whole[start + i]),
                        Float.floatToRawIntBits(part[i]),
                        "element " + (start + i) + " from " + start);
            }
        }
    }

    private float[] random(int n, double spread) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((rng.nextDouble() * 2 - 1) * spread);
        }
        return a;
    }
}
