package org.fedcot.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.fedcot.tensor.kernels.MatmulKernels;
import org.junit.jupiter.api.Test;

/**
 * Checks the packed-weight product: against the portable kernel (row counts across the 8/4/1
 * blocks, widths off the panel, padded strides, offsets); that every output is exactly the scalar
 * multiply-add chain over k, which is what makes a row's result independent of the rows beside it;
 * and that nothing outside C is written.
 */
class PanelGemmTest {
    private static final int[] DEPTHS = {1, 5, 16, 33, 288};
    private static final int[] WIDTHS = {1, 7, PackedWeight.PANEL - 1, PackedWeight.PANEL, PackedWeight.PANEL + 3, 101};

    private final Random random = new Random(11);

    @Test
    void matchesThePortableKernel() {
        for (int m = 1; m <= 19; m += 2) {
            for (int k : DEPTHS) {
                for (int n : WIDTHS) {
                    int pad = (m + k) % 3;
                    int offset = (n * k) % 4;
                    int lda = k + pad;
                    int ldc = n + pad;
                    float[] a = randomArray(offset + m * lda);
                    float[] w = randomArray(offset + n * k);
                    float[] expected = randomArray(offset + m * ldc + pad);
                    float[] actual = expected.clone();
                    MatmulKernels.gemm(
                            false, true, m, n, k, a, offset, lda, w, offset, k, expected, offset, ldc, false, 0, m);
                    PanelGemm.gemm(m, a, offset, lda, PackedWeight.pack(w, offset, n, k), actual, offset, ldc);
                    FastPathAssertions.assertClose(
                            String.format("M=%d N=%d K=%d pad=%d offset=%d", m, n, k, pad, offset), expected, actual);
                }
            }
        }
    }

    @Test
    void everyOutputIsTheScalarMultiplyAddChainWhateverTheRowsBesideIt() {
        int k = 291;
        int n = 1000; // enough panels to be split over the cores
        float[] w = randomArray(n * k);
        PackedWeight packed = PackedWeight.pack(w, 0, n, k);
        for (int m : new int[] {1, 3, 4, 8, 13, 17}) {
            float[] x = randomArray(m * k);
            float[] c = new float[m * n];
            PanelGemm.gemm(m, x, 0, k, packed, c, 0, n);
            for (int row = 0; row < m; row++) {
                for (int o = 0; o < n; o++) {
                    float chain = 0f;
                    for (int i = 0; i < k; i++) {
                        chain = Math.fma(w[o * k + i], x[row * k + i], chain);
                    }
                    assertEquals(
                            Float.floatToRawIntBits(chain),
                            Float.floatToRawIntBits(c[row * n + o]),
                            "M=" + m + " row " + row + " output " + o);
                }
            }
        }
    }

    @Test
    void refusesAnEmptyShape() {
        assertThrows(IllegalArgumentException.class, () -> PackedWeight.pack(new float[4], 0, 0, 4));
    }

    private float[] randomArray(int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
