package org.fedcot.tensor.kernels;

/**
 * Portable rotary position embedding over x laid out [B, T, H, D], parallel over the B*T*H head
 * rows in [lo, hi). The first {@code rotDim} dimensions of each head are rotated (partial rotary,
 * as GPT-NeoX's rotary_pct); the rest pass through. Two pairings exist in the wild:
 * {@code interleaved} pairs (2i, 2i+1) (llama2.c, GPT-J); otherwise (i, i + rotDim/2) (Hugging Face
 * "rotate_half": Llama, Qwen2, GPT-NeoX). Pair i turns by {@code pos * theta^(-2i/rotDim)}, with the
 * position {@code posOffset + t} (posOffset > 0 when continuing from a KV cache).
 *
 * <p>The angles depend only on (t, i), so {@link #ropeTable} computes their cosines and sines once
 * per call into [T, rotDim/2] tables, and the rotations read them instead of calling pow, cos and
 * sin for every head row.
 */
public final class RotaryKernels {
    private RotaryKernels() {}

    /**
     * {@code cos[t][i], sin[t][i]} of the angle of pair i at position {@code posOffset + t}, parallel
     * over the flat index {@code t * (rotDim/2) + i} in [lo, hi).
     */
    public static void ropeTable(float[] cos, float[] sin, int rotDim, float theta, int posOffset, int lo, int hi) {
        int half = rotDim / 2;
        for (int idx = lo; idx < hi; idx++) {
            int i = idx % half;
            int pos = posOffset + idx / half;
            // inverse frequency and angle in float32, as Hugging Face computes them
            float invFreq = (float) (1.0 / Math.pow(theta, (2.0 * i) / rotDim));
            float angle = pos * invFreq;
            cos[idx] = (float) Math.cos(angle);
            sin[idx] = (float) Math.sin(angle);
        }
    }

    /** {@code out = R x} with the angles of {@link #ropeTable}. */
    public static void ropeForward(
            float[] out,
            int outOff,
            float[] x,
            int xOff,
            float[] cos,
            float[] sin,
            int T,
            int H,
            int D,
            int rotDim,
            boolean interleaved,
            int lo,
            int hi) {
        rotate(out, outOff, x, xOff, cos, sin, T, H, D, rotDim, interleaved, 1f, false, lo, hi);
    }

    /** {@code dx (+)= R^T dout}: the inverse rotation of the upstream gradient, added when {@code accumulate}. */
    public static void ropeBackward(
            float[] dx,
            int dxOff,
            float[] dout,
            int doutOff,
            float[] cos,
            float[] sin,
            int T,
            int H,
            int D,
            int rotDim,
            boolean interleaved,
            boolean accumulate,
            int lo,
            int hi) {
        rotate(dx, dxOff, dout, doutOff, cos, sin, T, H, D, rotDim, interleaved, -1f, accumulate, lo, hi);
    }

    /** Rotates each pair by {@code direction * angle}; writes or accumulates into dst. */
    private static void rotate(
            float[] dst,
            int dstOff,
            float[] src,
            int srcOff,
            float[] cosTable,
            float[] sinTable,
            int T,
            int H,
            int D,
            int rotDim,
            boolean interleaved,
            float direction,
            boolean accumulate,
            int lo,
            int hi) {
        int half = rotDim / 2;
        for (int row = lo; row < hi; row++) {
            int angles = ((row / H) % T) * half;
            int base = row * D;
            for (int i = 0; i < half; i++) {
                float cos = cosTable[angles + i];
                float sin = direction * sinTable[angles + i];
                int a = interleaved ? 2 * i : i;
                int b = interleaved ? 2 * i + 1 : i + half;
                float x0 = src[srcOff + base + a];
                float x1 = src[srcOff + base + b];
                float y0 = x0 * cos - x1 * sin;
                float y1 = x1 * cos + x0 * sin;
                dst[dstOff + base + a] = accumulate ? dst[dstOff + base + a] + y0 : y0;
                dst[dstOff + base + b] = accumulate ? dst[dstOff + base + b] + y1 : y1;
            }
            for (int d = 2 * half; d < D; d++) {
                float v = src[srcOff + base + d];
                dst[dstOff + base + d] = accumulate ? dst[dstOff + base + d] + v : v;
            }
        }
    }
}
