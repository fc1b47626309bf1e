package org.fedcot.tensor.kernels;

/**
 * Portable LayerNorm and RMSNorm kernels over rows of length C. Forward saves per-row statistics
 * (mean, reciprocal std) for backward. Input gradients are parallel over rows; parameter gradients
 * are a separate kernel parallel over channels, so no two iterations write the same element.
 */
public final class NormKernels {
    private NormKernels() {}

    /** {@code out = (x - mean) * rstd * w + b} per row r in [lo, hi). */
    public static void layerNormForward(
            float[] out,
            int outOff,
            float[] mean,
            float[] rstd,
            float[] x,
            int xOff,
            float[] w,
            int wOff,
            float[] b,
            int bOff,
            int C,
            float eps,
            int lo,
            int hi) {
        for (int r = lo; r < hi; r++) {
            int base = r * C;
            float m = 0f;
            for (int c = 0; c < C; c++) {
                m += x[xOff + base + c];
            }
            m /= C;
            float var = 0f;
            for (int c = 0; c < C; c++) {
                float d = x[xOff + base + c] - m;
                var += d * d;
            }
            var /= C;
            float s = 1f / (float) Math.sqrt(var + eps);
            for (int c = 0; c < C; c++) {
                out[outOff + base + c] = (x[xOff + base + c] - m) * s * w[wOff + c] + b[bOff + c];
            }
            mean[r] = m;
            rstd[r] = s;
        }
    }

    /** dx for rows [lo, hi): {@code rstd * (g - mean(g) - xhat * mean(g * xhat))} with {@code g = dout * w}. */
    public static void layerNormBackwardInput(
            float[] dx,
            int dxOff,
            float[] dout,
            int doutOff,
            float[] x,
            int xOff,
            float[] w,
            int wOff,
            float[] mean,
            float[] rstd,
            int C,
            int lo,
            int hi) {
        for (int r = lo; r < hi; r++) {
            int base = r * C;
            float m = mean[r];
            float s = rstd[r];
            float gMean = 0f;
            float gxMean = 0f;
            for (int c = 0; c < C; c++) {
                float g = dout[doutOff + base + c] * w[wOff + c];
                gMean += g;
                gxMean += g * (x[xOff + base + c] - m) * s;
            }
            gMean /= C;
            gxMean /= C;
            for (int c = 0; c < C; c++) {
                float g = dout[doutOff + base + c] * w[wOff + c];
                float xhat = (x[xOff + base + c] - m) * s;
                dx[dxOff + base + c] += s * (g - gMean - xhat * gxMean);
            }
        }
    }

    /** dw, db for channels [lo, hi): sums over the R rows of {@code dout * xhat} and {@code dout}. */
    public static void layerNormBackwardParams(
            float[] dw,
            int dwOff,
            float[] db,
            int dbOff,
            float[] dout,
            int doutOff,
            float[] x,
            int xOff,
            float[] mean,
            float[] rstd,
            int R,
            int C,
            int lo,
            int hi) {
        for (int c = lo; c < hi; c++) {
            float sw = 0f;
            float sb = 0f;
            for (int r = 0; r < R; r++) {
                float d = dout[doutOff + r * C + c];
                sw += d * (x[xOff + r * C + c] - mean[r]) * rstd[r];
                sb += d;
            }
            dw[dwOff + c] += sw;
            db[dbOff + c] += sb;
        }
    }

    /** {@code out = x * rstd * w} with {@code rstd = 1/sqrt(mean(x^2) + eps)} per row (Llama's RMSNorm). */
    public static void rmsNormForward(
            float[] out,
            int outOff,
            float[] rstd,
            float[] x,
            int xOff,
            float[] w,
            int wOff,
            int C,
            float eps,
            int lo,
            int hi) {
        for (int r = lo; r < hi; r++) {
            int base = r * C;
            float ss = 0f;
            for (int c = 0; c < C; c++) {
                float v = x[xOff + base + c];
                ss += v * v;
            }
            float s = 1f / (float) Math.sqrt(ss / C + eps);
            for (int c = 0; c < C; c++) {
                out[outOff + base + c] = x[xOff + base + c] * s * w[wOff + c];
            }
            rstd[r] = s;
        }
    }

    /** dx for rows [lo, hi): {@code rstd * (g - xhat * mean(g * xhat))} with {@code g = dout * w}, {@code xhat = x * rstd}. */
    public static void rmsNormBackwardInput(
            float[] dx,
            int dxOff,
            float[] dout,
            int doutOff,
            float[] x,
            int xOff,
            float[] w,
            int wOff,
            float[] rstd,
            int C,
            int lo,
            int hi) {
        for (int r = lo; r < hi; r++) {
            int base = r * C;
            float s = rstd[r];
            float gx = 0f;
            for (int c = 0; c < C; c++) {
                gx += dout[doutOff + base + c] * w[wOff + c] * x[xOff + base + c] * s;
            }
            gx /= C;
            for (int c = 0; c < C; c++) {
                float xhat = x[xOff + base + c] * s;
                dx[dxOff + base + c] += s * (dout[doutOff + base + c] * w[wOff + c] - xhat * gx);
            }
        }
    }

    /** dw for channels [lo, hi): {@code sum_r dout * x * rstd}. */
    public static void rmsNormBackwardWeight(
            float[] dw,
            int dwOff,
            float[] dout,
            int doutOff,
            float[] x,
            int xOff,
            float[] rstd,
            int R,
            int C,
            int lo,
            int hi) {
        for (int c = lo; c < hi; c++) {
            float sw = 0f;
            for (int r = 0; r < R; r++) {
                sw += dout[doutOff + r * C + c] * x[xOff + r * C + c] * rstd[r];
            }
            dw[dwOff + c] += sw;
        }
    }
}
