package org.fedcot.tensor.kernels;

/** Portable softmax over the last dimension (rows of length C), rows in [lo, hi). */
public final class SoftmaxKernels {
    private SoftmaxKernels() {
    }

    /** {@code out = exp(x - max) / sum}; subtracting the row max keeps exp finite for any input. */
    public static void softmaxForward(float[] out, int outOff, float[] x, int xOff, int C, int lo, int hi) {
        for (int r = lo; r < hi; r++) {
            int base = r * C;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < C; c++) {
                max = Math.max(max, x[xOff + base + c]);
            }
            float sum = 0f;
            for (int c = 0; c < C; c++) {
                float e = (float) Math.exp(x[xOff + base + c] - max);
                out[outOff + base + c] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (int c = 0; c < C; c++) {
                out[outOff + base + c] *= inv;
            }
        }
    }

    /** {@code dx += y * (dout - sum(dout * y))} from the saved output y. */
    public static void softmaxBackward(float[] dx, int dxOff, float[] y, int yOff, float[] dout, int doutOff,
                                       int C, int lo, int hi) {
        for (int r = lo; r < hi; r++) {
            int base = r * C;
            float dot = 0f;
            for (int c = 0; c < C; c++) {
                dot += dout[doutOff + base + c] * y[yOff + base + c];
            }
            for (int c = 0; c < C; c++) {
                dx[dxOff + base + c] += y[yOff + base + c] * (dout[doutOff + base + c] - dot);
            }
        }
    }
}
