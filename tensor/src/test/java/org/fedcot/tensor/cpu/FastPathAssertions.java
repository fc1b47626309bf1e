package org.fedcot.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check every CPU fast path passes against its portable kernel. */
final class FastPathAssertions {
    private FastPathAssertions() {}

    /** Every element finite and max |fast - portable| / max |portable| <= 1e-5. */
    static void assertClose(String what, float[] ref, float[] got) {
        double err = 0;
        double scale = 0;
        for (int i = 0; i < ref.length; i++) {
            err = Math.max(err, Math.abs(ref[i] - got[i]));
            scale = Math.max(scale, Math.abs(ref[i]));
            assertTrue(Float.isFinite(got[i]), what + ": element " + i + " is " + got[i]);
        }
        assertTrue(err <= 1e-5 * scale, what + ": relative error " + err / scale);
    }
}
