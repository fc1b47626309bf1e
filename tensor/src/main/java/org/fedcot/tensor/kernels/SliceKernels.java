package org.fedcot.tensor.kernels;

/**
 * Portable kernels for a slice {@code [from, from + w)} of the last dimension of a row-major
 * [R, W] matrix, parallel over rows in [lo, hi). Backward accumulates into the sliced columns.
 */
public final class SliceKernels {
    private SliceKernels() {}

    /** {@code out[r][j] = x[r][from + j]} for j in [0, w). */
    public static void sliceForward(
            float[] out, int outOff, float[] x, int xOff, int W, int from, int w, int lo, int hi) {
        for (int r = lo; r < hi; r++) {
            for (int j = 0; j < w; j++) {
                out[outOff + r * w + j] = x[xOff + r * W + from + j];
            }
        }
    }

    /** {@code dx[r][from + j] += dout[r][j]} for j in [0, w). */
    public static void sliceBackward(
            float[] dx, int dxOff, float[] dout, int doutOff, int W, int from, int w, int lo, int hi) {
        for (int r = lo; r < hi; r++) {
            for (int j = 0; j < w; j++) {
                dx[dxOff + r * W + from + j] += dout[doutOff + r * w + j];
            }
        }
    }
}
