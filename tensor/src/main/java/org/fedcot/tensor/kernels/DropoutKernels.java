package org.fedcot.tensor.kernels;

/**
 * Portable seeded dropout. Whether element i is kept is a pure function of (seed, i), a splitmix64
 * hash, so backward regenerates the mask instead of storing it and any backend draws the same mask.
 */
public final class DropoutKernels {
    private DropoutKernels() {
    }

    /** {@code out[i] = keep(i) ? x[i] / (1 - p) : 0}. */
    public static void dropoutForward(float[] out, int outOff, float[] x, int xOff, float p, long seed, int lo, int hi) {
        float scale = 1f / (1f - p);
        for (int i = lo; i < hi; i++) {
            out[outOff + i] = uniform(seed, i) >= p ? x[xOff + i] * scale : 0f;
        }
    }

    /** {@code dx[i] += keep(i) ? dout[i] / (1 - p) : 0}. */
    public static void dropoutBackward(float[] dx, int dxOff, float[] dout, int doutOff, float p, long seed, int lo, int hi) {
        float scale = 1f / (1f - p);
        for (int i = lo; i < hi; i++) {
            if (uniform(seed, i) >= p) {
                dx[dxOff + i] += dout[doutOff + i] * scale;
            }
        }
    }

    /** A uniform float in [0, 1) with 24 random bits from the splitmix64 finaliser of (seed, i). */
    public static float uniform(long seed, int i) {
        long z = seed + (i + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 40) * 0x1.0p-24f;
    }
}
