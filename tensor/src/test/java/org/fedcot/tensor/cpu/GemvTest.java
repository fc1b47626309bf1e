package org.fedcot.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.fedcot.tensor.kernels.MatmulKernels;
import org.junit.jupiter.api.Test;

/**
 * Checks the few-rows product against the portable kernel (offsets, padded leading dimensions,
 * accumulate, depths and widths off the vector and block sizes), and that each output is the same
 * bits whatever the number of rows beside it and however the outputs are split: what lets a sequence
 * decoded inside a batch match the same sequence decoded alone.
 */
class GemvTest {
    /** Depths around common vector lengths (4, 8, 16 lanes) and odd ones, and widths around the block of 4. */
    private static final int[] DEPTHS = {1, 3, 7, 8, 15, 16, 17, 33, 63, 291};

    private static final int[] WIDTHS = {1, 3, 4, 5, 13, 101};

    private final Random random = new Random(7);

    @Test
    void matchesThePortableKernel() {
        for (int m = 1; m <= Gemv.MAX_ROWS; m += 3) {
            for (int k : DEPTHS) {
                for (int n : WIDTHS) {
                    boolean accumulate = ((m + k + n) & 1) == 1;
                    check(m, n, k, (m + k) % 3, (n * k) % 4, accumulate);
                }
            }
        }
    }

    @Test
    void accumulatesOntoPaddedOffsetOutput() {
        check(Gemv.MAX_ROWS, 37, 129, 5, 11, true);
        check(2, 1030, 288, 1, 3, true);
    }

    @Test
    void batchRowsEqualSingleRowProductsBitForBit() {
        int k = 291;
        int n = 101;
        float[] w = randomArray(n * k);
        for (int m = 1; m <= Gemv.MAX_ROWS; m++) {
            float[] x = randomArray(m * k);
            float[] batch = new float[m * n];
            CpuBackend.INSTANCE.gemm(false, true, m, n, k, x, 0, k, w, 0, k, batch, 0, n, false);
            for (int row = 0; row < m; row++) {
                float[] single = new float[n];
                CpuBackend.INSTANCE.gemm(false, true, 1, n, k, x, row * k, k, w, 0, k, single, 0, n, false);
                for (int o = 0; o < n; o++) {
                    assertEquals(
                            Float.floatToRawIntBits(single[o]),
                            Float.floatToRawIntBits(batch[row * n + o]),
                            "M=" + m + " row " + row + " output " + o);
                }
            }
        }
    }

    @Test
    void outputsDoNotDependOnTheSplit() {
        int m = 5;
        int k = 77;
        int n = 23;
        float[] x = randomArray(m * k);
        float[] w = randomArray(n * k);
        float[] whole = new float[m * n];
        Gemv.outputs(m, n, k, x, 0, k, w, 0, k, whole, 0, n, false, 0, n);
        // cuts inside blocks of four, so outputs move between the blocked loop and the one-at-a-time tail
        int[] cuts = {0, 1, 6, 7, 13, 22, n};
        float[] split = new float[m * n];
        for (int i = 0; i + 1 < cuts.length; i++) {
            Gemv.outputs(m, n, k, x, 0, k, w, 0, k, split, 0, n, false, cuts[i], cuts[i + 1]);
        }
        for (int i = 0; i < whole.length; i++) {
            assertEquals(Float.floatToRawIntBits(whole[i]), Float.floatToRawIntBits(split[i]), "element " + i);
        }
    }

    @Test
    void routesOnlyFewRowsAgainstATransposedWeight() {
        assertTrue(Gemv.applies(false, true, 1));
        assertTrue(Gemv.applies(false, true, Gemv.MAX_ROWS));
        assertFalse(Gemv.applies(false, true, Gemv.MAX_ROWS + 1));
        assertFalse(Gemv.applies(true, true, 1));
        assertFalse(Gemv.applies(false, false, 1));
    }

    /**
     * Runs both kernels on identical random operands with {@code pad} extra elements per row and
     * {@code offset} leading ones, and compares all of C's backing array (so writes outside C fail).
     */
    private void check(int m, int n, int k, int pad, int offset, boolean accumulate) {
        int lda = k + pad;
        int ldb = k + pad;
        int ldc = n + pad;
        float[] a = randomArray(offset + m * lda);
        float[] b = randomArray(offset + n * ldb);
        float[] expected = randomArray(offset + m * ldc + pad);
        float[] actual = expected.clone();
        MatmulKernels.gemm(
                false, true, m, n, k, a, offset, lda, b, offset, ldb, expected, offset, ldc, accumulate, 0, m);
        Gemv.gemm(m, n, k, a, offset, lda, b, offset, ldb, actual, offset, ldc, accumulate);
        FastPathAssertions.assertClose(
                String.format("M=%d N=%d K=%d pad=%d offset=%d accumulate=%b", m, n, k, pad, offset, accumulate),
                expected,
                actual);
    }

    private float[] randomArray(int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
