package org.fedcot.tensor.opencl;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.ops.Activations;
import org.fedcot.tensor.ops.Attention;
import org.fedcot.tensor.ops.CrossEntropy;
import org.fedcot.tensor.ops.Elementwise;
import org.fedcot.tensor.ops.Embedding;
import org.fedcot.tensor.ops.Linear;
import org.fedcot.tensor.ops.Norms;
import org.fedcot.tensor.ops.Rotary;
import org.fedcot.tensor.ops.Slice;

/**
 * A one-layer Llama built from the ops alone (RMSNorm, fused QKV sliced apart, rotary, grouped-query
 * attention, SwiGLU, tied nothing), small enough that 50 training steps run in seconds on PoCL.
 */
final class TinyLlama {
    static final int VOCAB = 29;
    private static final int C = 32;
    private static final int NH = 4;
    private static final int NKV = 2;
    private static final int D = C / NH;
    private static final int HIDDEN = 48;

    private final Tensor embed;
    private final Tensor norm1;
    private final Tensor qkv;
    private final Tensor proj;
    private final Tensor norm2;
    private final Tensor gateUp;
    private final Tensor down;
    private final Tensor normF;
    private final Tensor head;

    TinyLlama(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        embed = param(rng, 0.5f, VOCAB, C);
        norm1 = ones(C);
        qkv = param(rng, 0.2f, (NH + 2 * NKV) * D, C);
        proj = param(rng, 0.2f, C, C);
        norm2 = ones(C);
        gateUp = param(rng, 0.2f, 2 * HIDDEN, C);
        down = param(rng, 0.15f, C, HIDDEN);
        normF = ones(C);
        head = param(rng, 0.2f, VOCAB, C);
    }

    List<Tensor> parameters() {
        return List.of(embed, norm1, qkv, proj, norm2, gateUp, down, normF, head);
    }

    /** Mean next-token cross-entropy of {@code ids} [B, T] against {@code targets}. */
    Tensor loss(int[] ids, int[] targets, int B, int T) {
        Tensor x = Embedding.lookup(embed, ids).reshape(B, T, C);
        Tensor h = Norms.rmsNorm(x, norm1, 1e-6f);
        Tensor fused = Linear.forward(h, qkv, null);
        Tensor q = Rotary.rope(Slice.lastDim(fused, 0, NH * D).reshape(B, T, NH, D), D, 10000f, 0, false);
        Tensor k = Rotary.rope(Slice.lastDim(fused, NH * D, (NH + NKV) * D).reshape(B, T, NKV, D), D, 10000f, 0, false);
        Tensor v = Slice.lastDim(fused, (NH + NKV) * D, (NH + 2 * NKV) * D).reshape(B, T, NKV, D);
        Tensor att = Attention.causal(q, k, v).reshape(B, T, C);
        x = Elementwise.add(x, Linear.forward(att, proj, null));
        Tensor gu = Linear.forward(Norms.rmsNorm(x, norm2, 1e-6f), gateUp, null);
        Tensor mlp = Activations.swiglu(Slice.lastDim(gu, 0, HIDDEN), Slice.lastDim(gu, HIDDEN, 2 * HIDDEN));
        x = Elementwise.add(x, Linear.forward(mlp, down, null));
        Tensor logits = Linear.forward(Norms.rmsNorm(x, normF, 1e-6f), head, null);
        return CrossEntropy.loss(logits, targets);
    }

    private static Tensor param(SplittableRandom rng, float scale, int... shape) {
        return Tensor.of(OpenClTestSupport.uniform(rng, shape[0] * shape[1], scale), shape)
                .requiresGrad(true);
    }

    private static Tensor ones(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 1f);
        return Tensor.of(a, n).requiresGrad(true);
    }

    /** The task: continue a sequence that counts up by a per-row stride, mod VOCAB. */
    static int[][] batch(int step, int B, int T) {
        SplittableRandom rng = new SplittableRandom(1000 + step);
        int[] ids = new int[B * T];
        int[] targets = new int[B * T];
        for (int b = 0; b < B; b++) {
            int start = rng.nextInt(VOCAB);
            int stride = 1 + rng.nextInt(3);
            for (int t = 0; t < T; t++) {
                ids[b * T + t] = (start + t * stride) % VOCAB;
                targets[b * T + t] = t == T - 1 ? CrossEntropy.IGNORE_INDEX : (start + (t + 1) * stride) % VOCAB;
            }
        }
        return new int[][] {ids, targets};
    }
}
