package org.fedcot.cli.demo;

import java.util.ArrayList;
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

/**
 * A small Llama-style decoder (RMSNorm, rotary, grouped-query attention, SwiGLU) written directly
 * against the tensor ops: the engine's end-to-end exercise until the models module exists.
 */
final class TinyTransformer {
    private static final float EPS = 1e-5f;
    private static final float THETA = 10000f;

    private final int vocab;
    private final int dim;
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final Tensor embed;
    private final Tensor finalNorm;
    private final Tensor lmHead;
    private final List<Block> blocks = new ArrayList<>();
    private final List<Tensor> params = new ArrayList<>();

    private record Block(Tensor attnNorm, Tensor wq, Tensor wk, Tensor wv, Tensor wo,
                         Tensor mlpNorm, Tensor wGate, Tensor wUp, Tensor wDown) {
    }

    TinyTransformer(int vocab, int dim, int layers, int heads, int kvHeads, int hidden, long seed) {
        this.vocab = vocab;
        this.dim = dim;
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = dim / heads;
        SplittableRandom rng = new SplittableRandom(seed);
        embed = param(rng, 0.02, vocab, dim);
        for (int l = 0; l < layers; l++) {
            blocks.add(new Block(ones(dim),
                    param(rng, 0.02, dim, dim), param(rng, 0.02, kvHeads * headDim, dim),
                    param(rng, 0.02, kvHeads * headDim, dim), param(rng, 0.02 / Math.sqrt(2 * layers), dim, dim),
                    ones(dim), param(rng, 0.02, hidden, dim), param(rng, 0.02, hidden, dim),
                    param(rng, 0.02 / Math.sqrt(2 * layers), dim, hidden)));
        }
        finalNorm = ones(dim);
        lmHead = param(rng, 0.02, vocab, dim);
    }

    List<Tensor> parameters() {
        return params;
    }

    long parameterCount() {
        return params.stream().mapToLong(Tensor::size).sum();
    }

    /** Logits [B*T, vocab] for token ids [B*T] read as B sequences of length T. */
    Tensor logits(int[] ids, int B, int T) {
        Tensor x = Embedding.lookup(embed, ids);
        for (Block b : blocks) {
            Tensor h = Norms.rmsNorm(x, b.attnNorm, EPS);
            Tensor q = Rotary.rope(Linear.forward(h, b.wq, null).reshape(B, T, heads, headDim), headDim, THETA, 0, false);
            Tensor k = Rotary.rope(Linear.forward(h, b.wk, null).reshape(B, T, kvHeads, headDim), headDim, THETA, 0, false);
            Tensor v = Linear.forward(h, b.wv, null).reshape(B, T, kvHeads, headDim);
            Tensor a = Attention.causal(q, k, v).reshape(B * T, dim);
            x = Elementwise.add(x, Linear.forward(a, b.wo, null));
            h = Norms.rmsNorm(x, b.mlpNorm, EPS);
            Tensor mlp = Activations.swiglu(Linear.forward(h, b.wGate, null), Linear.forward(h, b.wUp, null));
            x = Elementwise.add(x, Linear.forward(mlp, b.wDown, null));
        }
        return Linear.forward(Norms.rmsNorm(x, finalNorm, EPS), lmHead, null);
    }

    /** Mean cross-entropy of next-token targets (CrossEntropy.IGNORE_INDEX where no loss is wanted). */
    Tensor loss(int[] ids, int[] targets, int B, int T) {
        return CrossEntropy.loss(logits(ids, B, T), targets);
    }

    int vocab() {
        return vocab;
    }

    private Tensor param(SplittableRandom rng, double std, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, (float) (rng.nextGaussian() * std));
        }
        params.add(t.requiresGrad(true));
        return t;
    }

    private Tensor ones(int n) {
        Tensor t = Tensor.zeros(n);
        for (int i = 0; i < n; i++) {
            t.set(i, 1f);
        }
        params.add(t.requiresGrad(true));
        return t;
    }
}
