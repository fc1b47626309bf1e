package org.fedcot.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.fedcot.tensor.kernels.MatmulKernels;
import org.junit.jupiter.api.Test;

/**
 * Checks the Vector API GEMM against the portable reference kernel over every transpose
 * combination, overwrite and accumulate, shapes that straddle the micro-tile and cache-block edges,
 * nonzero offsets and padded leading dimensions. Whole arrays are compared, so a write outside C's
 * rows (into the padding or before the offset) fails too.
 */
class SgemmTest {
    private static final int[] SMALL = {1, 7, 17, 31, 33, 65};
    private static final boolean[] BOOLS = {false, true};

    private final Random random = new Random(42);

    @Test
    void smallShapesAllLayouts() {
        for (int m : SMALL) {
            for (int n : SMALL) {
                for (int k : SMALL) {
                    for (boolean transA : BOOLS) {
                        for (boolean transB : BOOLS) {
                            check(transA, transB, m, n, k, (m + n + k) % 3, (m * k) % 5, accumulateFor(m, n, k));
                        }
                    }
                }
            }
        }
    }

    @Test
    void blockEdgeShapes() {
        int[][] shapes = {{257, 65, 257}, {6, 257, 33}, {65, 33, 257}, {1, 257, 257}, {257, 1, 65}, {33, 257, 1}};
        for (int[] s : shapes) {
            for (boolean transA : BOOLS) {
                for (boolean transB : BOOLS) {
                    for (boolean accumulate : BOOLS) {
                        check(transA, transB, s[0], s[1], s[2], 3, 1, accumulate);
                    }
                }
            }
        }
    }

    @Test
    void mediumProductSpansSeveralDepthSlices() {
        for (boolean transA : BOOLS) {
            for (boolean transB : BOOLS) {
                for (boolean accumulate : BOOLS) {
                    check(transA, transB, 300, 200, 500, 5, 2, accumulate);
                }
            }
        }
    }

    @Test
    void tallAndWideProductsSpanSeveralPackedBlocks() {
        // More rows than one packed A block, more columns than one packed B panel, either split over threads.
        check(false, true, 400, 1030, 40, 1, 3, true);
        check(true, false, 1030, 70, 40, 2, 0, false);
    }

    @Test
    void productCrossingABlockAndADepthSliceAtOnce() {
        // More than a packed A block (384 rows) and a K slice (256), with ragged micro-tiles: the
        // B-strip-outer sweep meets a partial A block, B strip and tile together.
        for (boolean transA : BOOLS) {
            check(transA, !transA, 389, 1037, 263, 2, 1, transA);
        }
    }

    @Test
    void productWiderThanTwoPackedPanels() {
        // Each thread's share of the columns is wider than one packed B panel (4096 columns), so a
        // thread packs B for a second, partial panel and A again for it.
        for (boolean transB : BOOLS) {
            check(!transB, transB, 7, 8209, 263, 1, 2, transB);
        }
    }

    @Test
    void zeroDepthClearsOrKeepsC() {
        float[] c = {1f, 2f, 3f, 4f, 5f};
        Sgemm.gemm(false, false, 2, 2, 0, new float[0], 0, 1, new float[0], 0, 2, c, 1, 2, true);
        assertEquals(2f, c[1]);
        Sgemm.gemm(false, false, 2, 2, 0, new float[0], 0, 1, new float[0], 0, 2, c, 1, 2, false);
        assertEquals(1f, c[0]);
        assertEquals(0f, c[1]);
        assertEquals(0f, c[4]);
    }

    /** Varies overwrite/accumulate across the small shapes without doubling their count. */
    private static boolean accumulateFor(int m, int n, int k) {
        return ((m ^ n ^ k) & 1) == 1;
    }

    /**
     * Runs both kernels on identical random operands laid out with {@code pad} extra elements per row
     * and {@code offset} leading elements, and compares all of C's backing array.
     */
    private void check(boolean transA, boolean transB, int m, int n, int k, int pad, int offset, boolean accumulate) {
        int lda = (transA ? m : k) + pad;
        int ldb = (transB ? k : n) + pad;
        int ldc = n + pad;
        float[] a = randomArray(offset + (transA ? k : m) * lda);
        float[] b = randomArray(offset + (transB ? n : k) * ldb);
        float[] expected = randomArray(offset + m * ldc + pad);
        float[] actual = expected.clone();

        MatmulKernels.gemm(
                transA, transB, m, n, k, a, offset, lda, b, offset, ldb, expected, offset, ldc, accumulate, 0, m);
        Sgemm.gemm(transA, transB, m, n, k, a, offset, lda, b, offset, ldb, actual, offset, ldc, accumulate);

        float scale = 1f;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        float tolerance = 1e-5f * scale;
        for (int i = 0; i < expected.length; i++) {
            float diff = Math.abs(expected[i] - actual[i]);
            int index = i;
            assertTrue(
                    diff <= tolerance,
                    () -> String.format(
                            "transA=%b transB=%b M=%d N=%d K=%d pad=%d offset=%d accumulate=%b: c[%d] = %s, expected %s",
                            transA, transB, m, n, k, pad, offset, accumulate, index, actual[index], expected[index]));
        }
    }

    private float[] randomArray(int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
