package org.fedcot.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import org.fedcot.tensor.ops.Activations;
import org.fedcot.tensor.ops.Attention;
import org.fedcot.tensor.ops.CrossEntropy;
import org.fedcot.tensor.ops.Elementwise;
import org.fedcot.tensor.ops.Embedding;
import org.fedcot.tensor.ops.Linear;
import org.fedcot.tensor.ops.Norms;
import org.fedcot.tensor.ops.Rotary;
import org.fedcot.tensor.optim.AdamW;
import org.fedcot.tensor.optim.GradClip;
import org.junit.jupiter.api.Test;

/**
 * A training-style loop (forward, backward, clipping, AdamW) over a fixed attention block allocates
 * its large arrays on the first step only: the workspace pool stops growing after step one, and once
 * the JIT has compiled the Vector API kernels (before that every vector op boxes) the bytes the JVM
 * allocates per step stay far below the size of one activation.
 */
class TrainingLoopAllocationTest {
    private static final int B = 4;
    private static final int T = 32;
    private static final int C = 256;
    private static final int V = 64;
    private static final int JIT_WARMUP_STEPS = 200;

    @Test
    void stepsAfterTheFirstAllocateNoLargeArrays() {
        SplittableRandom rng = new SplittableRandom(3);
        Tensor embed = param(rng, V, C);
        Tensor norm = param(rng, C);
        Tensor wq = param(rng, C, C);
        Tensor wk = param(rng, C / 2, C);
        Tensor wv = param(rng, C / 2, C);
        Tensor gate = param(rng, 2 * C, C);
        Tensor up = param(rng, 2 * C, C);
        Tensor down = param(rng, C, 2 * C);
        Tensor head = param(rng, V, C);
        List<Tensor> params = List.of(embed, norm, wq, wk, wv, gate, up, down, head);
        AdamW opt = new AdamW(params, 1e-3, 0.9, 0.999, 1e-8, 0.01);
        int[] ids = new int[B * T];
        int[] targets = new int[B * T];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rng.nextInt(V);
            targets[i] = rng.nextInt(V);
        }
        Workspace ws = new Workspace();
        Runnable step = () -> {
            try (Workspace.Scope ignored = ws.enter()) {
                opt.zeroGrad();
                Tensor x = Embedding.lookup(embed, ids);
                Tensor h = Norms.rmsNorm(x, norm, 1e-5f);
                Tensor q = Rotary.rope(Linear.forward(h, wq, null).reshape(B, T, 4, C / 4), C / 4, 1e4f, 0, false);
                Tensor k = Rotary.rope(Linear.forward(h, wk, null).reshape(B, T, 2, C / 4), C / 4, 1e4f, 0, false);
                Tensor v = Linear.forward(h, wv, null).reshape(B, T, 2, C / 4);
                x = Elementwise.add(x, Attention.causal(q, k, v).reshape(B * T, C));
                Tensor mlp = Activations.swiglu(Linear.forward(x, gate, null), Linear.forward(x, up, null));
                x = Elementwise.add(x, Linear.forward(mlp, down, null));
                Tensor loss = CrossEntropy.loss(Linear.forward(x, head, null), targets);
                loss.backward();
                GradClip.clipGlobalNorm(params, 1.0);
                opt.step();
            }
        };
        step.run();
        long pooled = ws.allocatedFloats();
        for (int i = 0; i < JIT_WARMUP_STEPS; i++) {
            step.run();
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int steps = 5;
        long before = threads.getTotalThreadAllocatedBytes();
        for (int i = 0; i < steps; i++) {
            step.run();
        }
        long perStep = (threads.getTotalThreadAllocatedBytes() - before) / steps;
        long oneActivation = 4L * B * T * C;
        assertEquals(pooled, ws.allocatedFloats(), "the workspace pool grew after the first step");
        assertTrue(
                perStep < oneActivation / 2,
                "a step allocated " + perStep + " bytes; one activation is " + oneActivation + " bytes");
    }

    private static Tensor param(SplittableRandom rng, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, (float) (rng.nextGaussian() * 0.05));
        }
        return t.requiresGrad(true);
    }
}
