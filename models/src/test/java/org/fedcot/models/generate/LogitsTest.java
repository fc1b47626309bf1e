package org.fedcot.models.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Logits#argmax} against its definition (the first index of the largest value, NaNs never larger). */
class LogitsTest {
    /** The definition, written as the plain loop it replaces. */
    private static int firstLargest(float[] x, int off, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (x[off + i] > x[off + best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void argmaxIsTheFirstLargestAtEveryLengthAndOffset() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 3000; trial++) {
            int n = 1 + rng.nextInt(100);
            int off = rng.nextInt(5);
            float[] x = new float[off + n + 3];
            // few distinct values, so ties fall in every place: across vectors, in the tail, at the start
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextInt(6) - 3;
            }
            assertEquals(firstLargest(x, off, n), Logits.argmax(x, off, n), "n " + n + " off " + off);
        }
    }

    @Test
    void nansAndSignedZerosAsTheLoop() {
        float nan = Float.NaN;
        float[][] rows = {
            {nan, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17},
            {1, 2, nan, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9, nan},
            {-0f, 0f, -0f, 0f, -0f, 0f, -0f, 0f, -0f, 0f, -0f, 0f, -0f, 0f, -0f, 0f, -0f, 0f},
            {-1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -13, -14, -15, -16, -17, -1},
            {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}
        };
        for (float[] x : rows) {
            for (int n = 1; n <= x.length; n++) {
                assertEquals(firstLargest(x, 0, n), Logits.argmax(x, 0, n), "n " + n);
            }
        }
    }
}
