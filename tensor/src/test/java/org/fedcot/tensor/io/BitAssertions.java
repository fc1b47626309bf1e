package org.fedcot.tensor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Float comparisons by raw bits, so -0.0 and 0.0 differ and NaN equals NaN. */
final class BitAssertions {
    private BitAssertions() {}

    static void assertBitsEqual(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(
                    Float.floatToIntBits(expected[i]),
                    Float.floatToIntBits(actual[i]),
                    "element " + i + ": expected " + expected[i] + " but got " + actual[i]);
        }
    }
}
