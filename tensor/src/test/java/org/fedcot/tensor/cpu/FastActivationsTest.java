package org.fedcot.tensor.cpu;

import static org.fedcot.tensor.cpu.FastPathAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.fedcot.tensor.kernels.ActivationKernels;
import org.junit.jupiter.api.Test;

/** The vector SwiGLU equals the portable kernel, and an element's bits do not depend on where a split puts it. */
class FastActivationsTest {
    private final SplittableRandom rng = new SplittableRandom(3);

    @Test
    void matchesThePortableKernelWithinRoundingAtEveryLength() {
        for (int n = 1; n <= 100; n++) {
            float[] gate = random(n, 6);
            float[] up = random(n, 2);
            gate[0] = 0f;
            if (n > 2) {
                gate[1] = -120f; // sigmoid underflows to 0
                gate[2] = 120f; // and saturates at 1
            }
            float[] ref = new float[n];
            ActivationKernels.swigluForward(ref, 0, gate, 0, up, 0, 0, n);
            float[] got = new float[n];
            FastActivations.swigluForward(got, 0, gate, 0, up, 0, 0, n);
            assertClose("n " + n, ref, got);
            for (int i = 0; i < n; i++) {
                // relative to each element too, not only to the row's largest
                assertTrue(Math.abs(got[i] - ref[i]) <= 1e-6 * Math.abs(ref[i]) + 1e-30, "n " + n + " at " + i);
            }
        }
    }

    @Test
    void anElementsBitsDoNotDependOnTheSplitOrTheOffsets() {
        int n = 77;
        float[] gate = random(n + 5, 8);
        float[] up = random(n + 5, 2);
        float[] whole = new float[n];
        FastActivations.swigluForward(whole, 0, gate, 5, up, 5, 0, n);
        float[] parts = new float[n + 3];
        for (int lo = 0; lo < n; lo += 7) { // splits that land inside vectors
            FastActivations.swigluForward(parts, 3, gate, 5, up, 5, lo, Math.min(n, lo + 7));
        }
        for (int i = 0; i < n; i++) {
            assertEquals(Float.floatToRawIntBits(whole[i]), Float.floatToRawIntBits(parts[3 + i]), "element " + i);
        }
    }

    private float[] random(int n, double spread) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((rng.nextDouble() * 2 - 1) * spread);
        }
        return x;
    }
}
