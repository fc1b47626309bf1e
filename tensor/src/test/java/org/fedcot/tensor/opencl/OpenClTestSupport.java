package org.fedcot.tensor.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.fedcot.tensor.Backend;
import org.fedcot.tensor.cpu.CpuBackend;
import org.junit.jupiter.api.Assumptions;

/** Shared by the OpenCL tests: skipping without a device, running on a backend, comparing results. */
final class OpenClTestSupport {
    private OpenClTestSupport() {}

    /** The first OpenCL device's backend; skips the test, saying why, when there is none. */
    static OpenClBackend deviceOrSkip() {
        String why = OpenClDevices.unavailableReason();
        Assumptions.assumeTrue(why == null, () -> "OpenCL tests skipped: " + why);
        return OpenClBackend.open(0);
    }

    /** {@code work} run with {@code backend} in use, the CPU restored after. */
    static <T> T on(Backend backend, Supplier<T> work) {
        Backend.use(backend);
        try {
            return work.get();
        } finally {
            Backend.use(CpuBackend.INSTANCE);
        }
    }

    /** Uniform floats in [-scale, scale). */
    static float[] uniform(SplittableRandom rng, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        }
        return a;
    }

    /**
     * Asserts {@code |actual - expected| <= tol * max|expected|} element by element: relative to the
     * array's magnitude, since sums taken in another order differ in absolute, not relative, terms
     * where they cancel to near zero.
     */
    static void assertClose(String what, float[] expected, float[] actual, double tol) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 0;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        double bound = tol * Math.max(scale, Float.MIN_NORMAL);
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs((double) actual[i] - expected[i]);
            int at = i;
            assertTrue(
                    diff <= bound,
                    () -> what + ": element " + at + " is " + actual[at] + " on OpenCL, " + expected[at]
                            + " on the CPU (difference " + diff + " > " + bound + ")");
        }
    }
}
