package org.fedcot.tensor.kernels;

/** Portable activation kernels (GELU tanh/erf, SiLU, SwiGLU) over {@code [lo, hi)}; backward accumulates. */
public final class ActivationKernels {
    private static final float SQRT_2_OVER_PI = 0.7978845608028654f;
    private static final float GELU_CUBIC = 0.044715f;
    private static final float INV_SQRT_2 = 0.7071067811865476f;
    private static final float INV_SQRT_2PI = 0.3989422804014327f;

    private ActivationKernels() {}

    /** GELU with the tanh approximation (GPT-2, "gelu_new"/"gelu_pytorch_tanh"). */
    public static void geluTanhForward(float[] out, int outOff, float[] x, int xOff, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            float v = x[xOff + i];
            float u = SQRT_2_OVER_PI * (v + GELU_CUBIC * v * v * v);
            out[outOff + i] = 0.5f * v * (1f + (float) Math.tanh(u));
        }
    }

    public static void geluTanhBackward(
            float[] dx, int dxOff, float[] x, int xOff, float[] dout, int doutOff, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            float v = x[xOff + i];
            float u = SQRT_2_OVER_PI * (v + GELU_CUBIC * v * v * v);
            float t = (float) Math.tanh(u);
            float sech2 = 1f - t * t;
            float du = SQRT_2_OVER_PI * (1f + 3f * GELU_CUBIC * v * v);
            float grad = 0.5f * (1f + t) + 0.5f * v * sech2 * du;
            dx[dxOff + i] += grad * dout[doutOff + i];
        }
    }

    /** Exact GELU, {@code x * Phi(x)} with the normal CDF from {@link #erfc}. */
    public static void geluErfForward(float[] out, int outOff, float[] x, int xOff, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            float v = x[xOff + i];
            out[outOff + i] = (float) (v * normalCdf(v));
        }
    }

    public static void geluErfBackward(
            float[] dx, int dxOff, float[] x, int xOff, float[] dout, int doutOff, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            double v = x[xOff + i];
            double grad = normalCdf(v) + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v);
            dx[dxOff + i] += (float) (grad * dout[doutOff + i]);
        }
    }

    /** SiLU (swish): {@code x * sigmoid(x)}. */
    public static void siluForward(float[] out, int outOff, float[] x, int xOff, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            float v = x[xOff + i];
            out[outOff + i] = v * sigmoid(v);
        }
    }

    public static void siluBackward(
            float[] dx, int dxOff, float[] x, int xOff, float[] dout, int doutOff, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            float v = x[xOff + i];
            float s = sigmoid(v);
            dx[dxOff + i] += s * (1f + v * (1f - s)) * dout[doutOff + i];
        }
    }

    /** SwiGLU: {@code out = silu(gate) * up} (the Llama MLP). */
    public static void swigluForward(
            float[] out, int outOff, float[] gate, int gateOff, float[] up, int upOff, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            float g = gate[gateOff + i];
            out[outOff + i] = g * sigmoid(g) * up[upOff + i];
        }
    }

    public static void swigluBackward(
            float[] dgate,
            int dgateOff,
            float[] dup,
            int dupOff,
            float[] gate,
            int gateOff,
            float[] up,
            int upOff,
            float[] dout,
            int doutOff,
            int lo,
            int hi) {
        for (int i = lo; i < hi; i++) {
            float g = gate[gateOff + i];
            float s = sigmoid(g);
            float d = dout[doutOff + i];
            dgate[dgateOff + i] += s * (1f + g * (1f - s)) * up[upOff + i] * d;
            dup[dupOff + i] += g * s * d;
        }
    }

    static float sigmoid(float v) {
        return 1f / (1f + (float) Math.exp(-v));
    }

    /** Standard normal CDF; for negative x it is erfc(|x|/sqrt2)/2, accurate in relative terms far into the tail. */
    static double normalCdf(double v) {
        double e = 0.5 * erfc(Math.abs(v) * INV_SQRT_2);
        return v >= 0 ? 1.0 - e : e;
    }

    /**
     * Complementary error function for {@code z >= 0} with fractional error below 1.2e-7 everywhere:
     * the Chebyshev-fitted exponential form (Numerical Recipes, "erfcc"). Java has no erf, and a
     * relative-accurate erfc keeps GELU's negative tail exact to float precision.
     */
    static double erfc(double z) {
        double t = 1.0 / (1.0 + 0.5 * z);
        double poly = -1.26551223
                + t
                        * (1.00002368
                                + t
                                        * (0.37409196
                                                + t
                                                        * (0.09678418
                                                                + t
                                                                        * (-0.18628806
                                                                                + t
                                                                                        * (0.27886807
                                                                                                + t
                                                                                                        * (-1.13520398
                                                                                                                + t
                                                                                                                        * (1.48851587
                                                                                                                                + t
                                                                                                                                        * (-0.82215223
                                                                                                                                                + t
                                                                                                                                                        * 0.17087277))))))));
        return t * Math.exp(-z * z + poly);
    }
}
