package org.fedcot.models.transformer;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.ops.Elementwise;
import org.fedcot.tensor.ops.Linear;

/**
 * One linear layer's LoRA adapter, as PEFT's {@code lora.Linear} computes it:
 * {@code y = base(x) + scale * B(A(dropout(x)))} with A [r, in], B [out, r] and scale = alpha / r.
 * Dropout is on only while {@link LoraAdapters} is training, with a seed fixed for the step, so a
 * forward recomputed in backward (activation checkpointing) draws the same mask.
 */
final class LoraLayer {
    private final Tensor a;
    private final Tensor b;
    private final float scale;
    private final float dropout;
    /** The dropout mask's seed, or -1 while not training (no dropout). */
    private long seed = -1;

    LoraLayer(Tensor a, Tensor b, float scale, float dropout) {
        this.a = a;
        this.b = b;
        this.scale = scale;
        this.dropout = dropout;
    }

    Tensor a() {
        return a;
    }

    Tensor b() {
        return b;
    }

    /** Turns dropout on with this mask seed ({@code >= 0}), or off ({@code -1}). */
    void seed(long maskSeed) {
        seed = maskSeed;
    }

    /** {@code base + scale * (dropout(x) A^T) B^T}. */
    Tensor add(Tensor base, Tensor x) {
        Tensor in = seed >= 0 && dropout > 0 ? Elementwise.mul(x, dropoutMask(x.shape())) : x;
        Tensor delta = Linear.forward(Linear.forward(in, a, null), b, null);
        return Elementwise.add(base, Elementwise.scale(delta, scale));
    }

    /**
     * Inverted dropout's mask: each element 0 with probability dropout, else 1 / (1 - dropout), drawn from
     * the step's seed alone, so the forward recomputed in backward multiplies by the same mask.
     */
    private Tensor dropoutMask(int[] shape) {
        Tensor mask = Tensor.output(shape);
        float[] m = mask.hostData();
        float keep = 1f / (1f - dropout);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < mask.size(); i++) {
            m[mask.offset() + i] = rng.nextDouble() < dropout ? 0f : keep;
        }
        return mask;
    }

    /**
     * {@code w + scale * (B A)} as a new [out, in] array, computed as PEFT's merge does: the product
     * first, then scaled and added.
     */
    float[] merged(Tensor w) {
        int out = w.dim(0);
        int in = w.dim(1);
        int r = a.dim(0);
        float[] wd = w.hostData();
        float[] ad = a.hostData();
        float[] bd = b.hostData();
        float[] m = new float[out * in];
        float[] row = new float[in];
        for (int o = 0; o < out; o++) {
            Arrays.fill(row, 0f);
            for (int k = 0; k < r; k++) {
                float bok = bd[b.offset() + o * r + k];
                int aRow = a.offset() + k * in;
                for (int i = 0; i < in; i++) {
                    row[i] += bok * ad[aRow + i];
                }
            }
            int wRow = w.offset() + o * in;
            for (int i = 0; i < in; i++) {
                m[o * in + i] = wd[wRow + i] + row[i] * scale;
            }
        }
        return m;
    }
}
