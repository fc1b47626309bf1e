package org.fedcot.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.fedcot.tensor.ops.Activations;
import org.fedcot.tensor.ops.Attention;
import org.fedcot.tensor.ops.CrossEntropy;
import org.fedcot.tensor.ops.Elementwise;
import org.fedcot.tensor.ops.Embedding;
import org.fedcot.tensor.ops.Linear;
import org.fedcot.tensor.ops.Norms;
import org.fedcot.tensor.ops.Reduce;
import org.fedcot.tensor.ops.Rotary;
import org.fedcot.tensor.ops.Slice;
import org.junit.jupiter.api.Test;

/**
 * Op outputs and first gradients are taken from the workspace without zeroing, on the promise that
 * their kernels write every element. A step through every op on NaN-poisoned arrays must give,
 * bit for bit, the loss and gradients of the same step on fresh zeroed arrays.
 */
class UninitializedOutputsTest {
    private static final int B = 2;
    private static final int T = 16;
    private static final int NH = 2;
    private static final int NKV = 1;
    private static final int D = 8;
    private static final int C = NH * D;
    private static final int F = 24;
    /** Wide enough for the Vector API cross-entropy, with a scalar tail. */
    private static final int V = 72;

    private final SplittableRandom rng = new SplittableRandom(17);
    private final Tensor embed = param(V, C);
    private final Tensor rmsW = param(C);
    private final Tensor lnW = param(C);
    private final Tensor lnB = param(C);
    private final Tensor wq = param(C, C);
    private final Tensor wk = param(NKV * D, C);
    private final Tensor wv = param(NKV * D, C);
    private final Tensor wo = param(C, C);
    private final Tensor bo = param(C);
    private final Tensor gate = param(F, C);
    private final Tensor up = param(F, C);
    private final Tensor down = param(C, F);
    private final Tensor head = param(V, C);
    private final List<Tensor> params = List.of(embed, rmsW, lnW, lnB, wq, wk, wv, wo, bo, gate, up, down, head);
    private final int[] ids = new int[B * T];
    private final int[] targets = new int[B * T];

    UninitializedOutputsTest() {
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rng.nextInt(V);
            targets[i] = i % 5 == 0 ? CrossEntropy.IGNORE_INDEX : rng.nextInt(V);
        }
    }

    @Test
    void aStepOnPoisonedArraysMatchesOneOnFreshArrays() {
        List<float[]> fresh = step();
        Workspace ws = Workspace.poisoned();
        for (int i = 0; i < 2; i++) { // the second step reuses the first one's arrays
            try (Workspace.Scope ignored = ws.enter()) {
                List<float[]> poisoned = step();
                for (int p = 0; p < fresh.size(); p++) {
                    assertArrayEquals(fresh.get(p), poisoned.get(p), "result " + p + " of step " + i);
                }
            }
        }
    }

    @Test
    void aReusedArrayPoisonedWithNanDoesNotLeakIntoAnOutput() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 4);
        Workspace ws = new Workspace();
        try (Workspace.Scope ignored = ws.enter()) {
            Arrays.fill(Tensor.output(4).hostData(), Float.NaN);
        }
        try (Workspace.Scope ignored = ws.enter()) {
            Tensor out = Elementwise.scale(a, 2f);
            assertArrayEquals(new float[] {2, 4, 6, 8}, out.toArray());
            Tensor zeroed = Tensor.scratch(4);
            assertArrayEquals(new float[4], zeroed.toArray(), "empty() still zeroes");
        }
    }

    /** Forward and backward through every op; returns the loss and a copy of every gradient. */
    private List<float[]> step() {
        for (Tensor p : params) {
            p.setGrad(null);
        }
        Tensor x = Embedding.lookup(embed, ids);
        Tensor h = Norms.rmsNorm(x, rmsW, 1e-5f);
        Tensor q = Rotary.rope(Linear.forward(h, wq, null).reshape(B, T, NH, D), D, 1e4f, 0, false);
        Tensor k = Rotary.rope(Linear.forward(h, wk, null).reshape(B, T, NKV, D), D / 2, 1e4f, 3, true);
        Tensor v = Linear.forward(h, wv, null).reshape(B, T, NKV, D);
        Tensor att = Attention.causal(q, k, v).reshape(B * T, C);
        x = Elementwise.add(x, Linear.forward(att, wo, bo));
        Tensor h2 = Norms.layerNorm(x, lnW, lnB, 1e-5f);
        Tensor mlp = Linear.forward(
                Activations.swiglu(Linear.forward(h2, gate, null), Linear.forward(h2, up, null)), down, null);
        Tensor act = Elementwise.mul(Activations.geluTanh(mlp), Activations.geluErf(Activations.silu(mlp)));
        x = Elementwise.add(x, Elementwise.scale(act, 0.5f));
        Tensor part = Slice.lastDim(x, 2, 10);
        Tensor gram = Elementwise.mul(part, part);
        Tensor logits = Linear.forward(x, head, null).reshape(B, T, V);
        Tensor loss = Elementwise.add(
                CrossEntropy.loss(logits, targets),
                Elementwise.add(
                        Reduce.sum(Elementwise.scale(gram, 1e-2f)), Reduce.sum(Elementwise.scale(logits, 1e-3f))));
        loss.backward();
        List<float[]> results = new ArrayList<>();
        results.add(loss.toArray());
        for (Tensor p : params) {
            float[] g = p.grad().toArray();
            for (float e : g) {
                assertTrue(Float.isFinite(e), "a gradient holds " + e);
            }
            results.add(g);
        }
        return results;
    }

    private Tensor param(int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, (float) (rng.nextGaussian() * 0.3));
        }
        return t.requiresGrad(true);
    }
}
