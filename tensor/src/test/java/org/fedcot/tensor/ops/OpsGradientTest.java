package org.fedcot.tensor.ops;

import static org.fedcot.tensor.ops.GradCheck.check;
import static org.fedcot.tensor.ops.GradCheck.random;

import java.util.SplittableRandom;
import org.fedcot.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Every op's backward against central finite differences (relative error <= 1e-3, float32 ops). */
class OpsGradientTest {
    private final SplittableRandom rng = new SplittableRandom(42);

    @Test
    void linearWithAndWithoutBias() {
        Tensor x = random(rng, 1, 2, 3, 5);
        Tensor w = random(rng, 1, 4, 5);
        Tensor b = random(rng, 1, 4);
        check("linear+bias", in -> Linear.forward(in[0], in[1], in[2]), x, w, b);
        check("linear", in -> Linear.forward(in[0], in[1], null), x, w);
    }

    @Test
    void linearLargeEnoughForTheFastPath() {
        Tensor x = random(rng, 1, 40, 48);
        Tensor w = random(rng, 1, 36, 48);
        check("linear (fast gemm)", in -> Linear.forward(in[0], in[1], null), x, w);
    }

    @Test
    void elementwiseAndReshape() {
        Tensor a = random(rng, 1, 3, 4);
        Tensor b = random(rng, 1, 3, 4);
        check("add", in -> Elementwise.add(in[0], in[1]), a, b);
        check("mul", in -> Elementwise.mul(in[0], in[1]), a, b);
        check("scale", in -> Elementwise.scale(in[0], -1.7f), a);
        check("reshape", in -> Elementwise.mul(in[0].reshape(4, 3), in[1].reshape(-1, 3)), a, b);
        check("same input twice", in -> Elementwise.mul(in[0], in[0]), a);
    }

    @Test
    void embeddingWithRepeatedIds() {
        Tensor table = random(rng, 1, 6, 4);
        int[] ids = {3, 0, 3, 5, 3};
        check("embedding", in -> Embedding.lookup(in[0], ids), table);
    }

    @Test
    void norms() {
        Tensor x = random(rng, 2, 3, 7);
        Tensor w = random(rng, 1, 7);
        Tensor b = random(rng, 1, 7);
        check("layerNorm", in -> Norms.layerNorm(in[0], in[1], in[2], 1e-5f), x, w, b);
        check("rmsNorm", in -> Norms.rmsNorm(in[0], in[1], 1e-6f), x, w);
    }

    @Test
    void activations() {
        Tensor x = random(rng, 3, 4, 6);
        Tensor u = random(rng, 2, 4, 6);
        check("geluTanh", in -> Activations.geluTanh(in[0]), x);
        check("geluErf", in -> Activations.geluErf(in[0]), x);
        check("silu", in -> Activations.silu(in[0]), x);
        check("swiglu", in -> Activations.swiglu(in[0], in[1]), x, u);
    }

    @Test
    void rotaryFullPartialAndInterleaved() {
        Tensor x = random(rng, 1, 2, 3, 2, 8);
        check("rope full", in -> Rotary.rope(in[0], 8, 10000f, 0, false), x);
        check("rope partial", in -> Rotary.rope(in[0], 4, 10000f, 5, false), x);
        check("rope interleaved", in -> Rotary.rope(in[0], 8, 500f, 2, true), x);
    }

    @Test
    void attentionMultiHeadAndGroupedQuery() {
        Tensor q = random(rng, 1, 2, 5, 4, 3);
        Tensor k = random(rng, 1, 2, 5, 2, 3);
        Tensor v = random(rng, 1, 2, 5, 2, 3);
        check("attention gqa", in -> Attention.causal(in[0], in[1], in[2]), q, k, v);
        Tensor k4 = random(rng, 1, 2, 5, 4, 3);
        Tensor v4 = random(rng, 1, 2, 5, 4, 3);
        check("attention mha", in -> Attention.causal(in[0], in[1], in[2]), q, k4, v4);
    }

    @Test
    void attentionLongEnoughForTheFastPath() {
        Tensor q = random(rng, 1, 1, 17, 4, 8);
        Tensor k = random(rng, 1, 1, 17, 2, 8);
        Tensor v = random(rng, 1, 1, 17, 2, 8);
        check("attention (fast path)", in -> Attention.causal(in[0], in[1], in[2]), q, k, v);
    }

    @Test
    void crossEntropyWithIgnoreIndexAndRowWeights() {
        Tensor logits = random(rng, 3, 5, 7);
        int[] targets = {2, CrossEntropy.IGNORE_INDEX, 6, 0, 3};
        float[] weights = {0.5f, 9f, 0.1f, 0.25f, 0.15f};
        check("crossEntropy", in -> CrossEntropy.loss(in[0], targets), logits);
        check(
                "crossEntropy weighted",
                in -> CrossEntropy.loss(in[0], targets, weights, CrossEntropy.IGNORE_INDEX),
                logits);
    }
}
