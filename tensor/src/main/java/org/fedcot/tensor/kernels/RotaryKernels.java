package org.fedcot.tensor.kernels;

/**
 * Portable rotary position embedding over x laid out [B, T, H, D], parallel over the B*T*H head
 * rows in [lo, hi). The first {@code rotDim} dimensions of each head are rotated (partial rotary,
 * as GPT-NeoX's rotary_pct); the rest pass through. Two pairings exist in the wild:
 * {@code interleaved} pairs (2i, 2i+1) (llama2.c, GPT-J); otherwise (i, i + rotDim/2) (Hugging Face
 * "rotate_half": Llama, Qwen2, GPT-NeoX). Pair i turns by {@code pos * theta^(-2i/rotDim)}, with the
 * position {@code posOffset + t} (posOffset > 0 when continuing from a KV cache).
 */
public final class RotaryKernels {
    private RotaryKernels() {
    }

    public static void ropeForward(float[] out, int outOff, float[] x, int xOff, int T, int H, int D, int rotDim,
                                   float theta, int posOffset, boolean interleaved, int lo, int hi) {
        rotate(out, outOff, x, xOff, T, H, D, rotDim, theta, posOffset, interleaved, 1f, false, lo, hi);
    }

    /** {@code dx += R^T dout}: the inverse rotation of the upstream gradient. */
    public static void ropeBackward(float[] dx, int dxOff, float[] dout, int doutOff, int T, int H, int D, int rotDim,
                                    float theta, int posOffset, boolean interleaved, int lo, int hi) {
        rotate(dx, dxOff, dout, doutOff, T, H, D, rotDim, theta, posOffset, interleaved, -1f, true, lo, hi);
    }

    /** Rotates each pair by {@code direction * angle}; writes or accumulates into dst. */
    private static void rotate(float[] dst, int dstOff, float[] src, int srcOff, int T, int H, int D, int rotDim,
                               float theta, int posOffset, boolean interleaved, float direction, boolean accumulate,
                               int lo, int hi) {
        int half = rotDim / 2;
        for (int row = lo; row < hi; row++) {
            int pos = posOffset + (row / H) % T;
            int base = row * D;
            for (int i = 0; i < half; i++) {
                // inverse frequency and angle in float32, as Hugging Face computes them
                float invFreq = (float) (1.0 / Math.pow(theta, (2.0 * i) / rotDim));
                float angle = pos * invFreq;
                float cos = (float) Math.cos(angle);
                float sin = direction * (float) Math.sin(angle);
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
