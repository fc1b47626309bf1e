package org.fedcot.tensor.opencl;

import static org.fedcot.tensor.opencl.OpenClTestSupport.assertClose;
import static org.fedcot.tensor.opencl.OpenClTestSupport.on;
import static org.fedcot.tensor.opencl.OpenClTestSupport.uniform;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.fedcot.tensor.Backend;
import org.fedcot.tensor.NoGrad;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.cpu.CpuBackend;
import org.fedcot.tensor.ops.Activations;
import org.fedcot.tensor.ops.Attention;
import org.fedcot.tensor.ops.CachedAttention;
import org.fedcot.tensor.ops.CrossEntropy;
import org.fedcot.tensor.ops.Elementwise;
import org.fedcot.tensor.ops.Embedding;
import org.fedcot.tensor.ops.Linear;
import org.fedcot.tensor.ops.Norms;
import org.fedcot.tensor.ops.Reduce;
import org.fedcot.tensor.ops.Rotary;
import org.fedcot.tensor.ops.Slice;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every op's forward and backward on OpenCL against the CPU backend, within 1e-5 of each result's
 * largest magnitude. Each op's output is weighted by a fixed random tensor and summed, so every
 * element of the upstream gradient differs.
 */
class OpenClOpsParityTest {
    private static final double TOL = 1e-5;
    private static OpenClBackend device;

    private final SplittableRandom rng = new SplittableRandom(7);

    @BeforeAll
    static void openDevice() {
        device = OpenClTestSupport.deviceOrSkip();
    }

    /** Runs {@code op} forward and backward on each backend from the same inputs and compares everything. */
    private void parity(String name, Function<Tensor[], Tensor> op, float[]... inputs) {
        List<float[]> cpu = run(CpuBackend.INSTANCE, op, inputs);
        List<float[]> cl = run(device, op, inputs);
        assertClose(name + " forward", cpu.get(0), cl.get(0), TOL);
        for (int i = 1; i < cpu.size(); i++) {
            assertClose(name + " gradient of input " + (i - 1), cpu.get(i), cl.get(i), TOL);
        }
    }

    /** Shapes ride along as the last float[] of each input pair: {values, shape-as-floats}. */
    private List<float[]> run(Backend backend, Function<Tensor[], Tensor> op, float[]... inputs) {
        return on(backend, () -> {
            Tensor[] in = new Tensor[inputs.length / 2];
            for (int i = 0; i < in.length; i++) {
                in[i] = Tensor.of(inputs[2 * i].clone(), toShape(inputs[2 * i + 1]))
                        .requiresGrad(true);
            }
            Tensor out = op.apply(in);
            Tensor weights = Tensor.of(uniform(new SplittableRandom(out.size()), out.size(), 1f), out.shape());
            Reduce.sum(Elementwise.mul(out, weights)).backward();
            List<float[]> results = new ArrayList<>();
            results.add(out.toArray());
            for (Tensor t : in) {
                results.add(t.grad() == null ? new float[t.size()] : t.grad().toArray());
            }
            return results;
        });
    }

    private float[][] input(float scale, int... shape) {
        int n = 1;
        float[] s = new float[shape.length];
        for (int i = 0; i < shape.length; i++) {
            n *= shape[i];
            s[i] = shape[i];
        }
        return new float[][] {uniform(rng, n, scale), s};
    }

    private static int[] toShape(float[] s) {
        int[] shape = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = (int) s[i];
        }
        return shape;
    }

    private static float[][] join(float[][]... pairs) {
        List<float[]> all = new ArrayList<>();
        for (float[][] p : pairs) {
            all.add(p[0]);
            all.add(p[1]);
        }
        return all.toArray(float[][]::new);
    }

    @Test
    void linearWithBiasOverOddSizes() {
        parity(
                "linear",
                in -> Linear.forward(in[0], in[1], in[2]),
                join(input(1, 3, 37, 70), input(0.3f, 67, 70), input(1, 67)));
    }

    @Test
    void elementwiseAndReshape() {
        float[][] a = input(1, 5, 12);
        float[][] b = input(1, 5, 12);
        parity("add", in -> Elementwise.add(in[0], in[1]), join(a, b));
        parity("mul", in -> Elementwise.mul(in[0], in[1]), join(a, b));
        parity("scale", in -> Elementwise.scale(in[0], -1.7f), join(a));
        parity("reshape", in -> Elementwise.mul(in[0].reshape(12, 5), in[1].reshape(-1, 5)), join(a, b));
        parity("sum", in -> Elementwise.scale(Reduce.sum(in[0]), 1f), join(a));
    }

    @Test
    void embeddingWithRepeatedIds() {
        int[] ids = {3, 0, 3, 5, 3, 9};
        parity("embedding", in -> Embedding.lookup(in[0], ids), join(input(1, 10, 24)));
    }

    @Test
    void norms() {
        parity(
                "layerNorm",
                in -> Norms.layerNorm(in[0], in[1], in[2], 1e-5f),
                join(input(2, 7, 48), input(1, 48), input(1, 48)));
        parity("rmsNorm", in -> Norms.rmsNorm(in[0], in[1], 1e-6f), join(input(2, 7, 48), input(1, 48)));
    }

    @Test
    void activations() {
        float[][] x = input(3, 6, 33);
        parity("geluTanh", in -> Activations.geluTanh(in[0]), join(x));
        parity("geluErf", in -> Activations.geluErf(in[0]), join(x));
        parity("silu", in -> Activations.silu(in[0]), join(x));
        parity("swiglu", in -> Activations.swiglu(in[0], in[1]), join(x, input(2, 6, 33)));
    }

    @Test
    void rotaryBothPairingsPartialAndOffset() {
        float[][] x = input(1, 2, 9, 3, 16);
        parity("rope half", in -> Rotary.rope(in[0], 16, 10000f, 0, false), join(x));
        parity("rope interleaved", in -> Rotary.rope(in[0], 16, 10000f, 0, true), join(x));
        parity("rope partial, offset", in -> Rotary.rope(in[0], 8, 500000f, 1000, false), join(x));
    }

    @Test
    void groupedQueryAttention() {
        parity(
                "attention",
                in -> Attention.causal(in[0], in[1], in[2]),
                join(input(1, 2, 13, 4, 8), input(1, 2, 13, 2, 8), input(1, 2, 13, 2, 8)));
    }

    @Test
    void crossEntropyWithIgnoredRowsAndWeights() {
        int[] targets = {2, CrossEntropy.IGNORE_INDEX, 40, 0, 7};
        float[] weights = {1f, 1f, 0.5f, 2f, 0f};
        parity(
                "crossEntropy",
                in -> CrossEntropy.loss(in[0], targets, weights, CrossEntropy.IGNORE_INDEX),
                join(input(4, 5, 41)));
    }

    @Test
    void slice() {
        parity("slice", in -> Slice.lastDim(in[0], 5, 17), join(input(1, 4, 3, 24)));
    }

    @Test
    void cachedAttentionForward() {
        float[][] q = input(1, 2, 3, 4, 8);
        float[][] kc = input(1, 2, 10, 2, 8);
        float[][] vc = input(1, 2, 10, 2, 8);
        List<float[]> results = new ArrayList<>();
        for (Backend backend : new Backend[] {CpuBackend.INSTANCE, device}) {
            results.add(on(backend, () -> {
                try (NoGrad ignored = NoGrad.enter()) {
                    return CachedAttention.attend(
                                    Tensor.of(q[0].clone(), 2, 3, 4, 8),
                                    Tensor.of(kc[0].clone(), 2, 10, 2, 8),
                                    Tensor.of(vc[0].clone(), 2, 10, 2, 8),
                                    4)
                            .toArray();
                }
            }));
        }
        assertClose("cachedAttention", results.get(0), results.get(1), TOL);
    }

    @Test
    void cachedAttentionOfRowsOverTheirOwnCaches() {
        float[][] q = input(1, 3, 1, 4, 8);
        int[] pos = {2, 0, 6};
        float[][][] caches = new float[6][][];
        for (int i = 0; i < caches.length; i++) {
            caches[i] = input(1, 1, 7 + i / 2, 2, 8);
        }
        List<float[]> results = new ArrayList<>();
        for (Backend backend : new Backend[] {CpuBackend.INSTANCE, device}) {
            results.add(on(backend, () -> {
                Tensor[] keys = new Tensor[3];
                Tensor[] values = new Tensor[3];
                for (int r = 0; r < 3; r++) {
                    keys[r] = Tensor.of(caches[2 * r][0].clone(), 1, 7 + r, 2, 8);
                    values[r] = Tensor.of(caches[2 * r + 1][0].clone(), 1, 7 + r, 2, 8);
                }
                try (NoGrad ignored = NoGrad.enter()) {
                    return CachedAttention.attendRows(Tensor.of(q[0].clone(), 3, 1, 4, 8), keys, values, pos)
                            .toArray();
                }
            }));
        }
        assertClose("cachedAttention rows", results.get(0), results.get(1), TOL);
    }
}
