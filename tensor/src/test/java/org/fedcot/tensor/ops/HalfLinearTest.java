package org.fedcot.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.fedcot.tensor.Backend;
import org.fedcot.tensor.HalfWeight;
import org.fedcot.tensor.HalfWeight.Format;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.cpu.CpuBackend;
import org.fedcot.tensor.opencl.OpenClBackend;
import org.fedcot.tensor.opencl.OpenClDevices;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Linear} over a frozen 16-bit weight: its forward and input gradient against float32 products of
 * the widened values, its storage, and its refusals.
 */
class HalfLinearTest {

    /**
     * With at most 256 inputs (forward) and outputs (input gradient) the weight is widened in one slab
     * and multiplied by the same float32 product as the widened weight itself, so the results are equal
     * bit for bit: few rows go through Gemv, many through Sgemm.
     */
    @ParameterizedTest
    @CsvSource({"BF16, 3", "BF16, 70", "F16, 3", "F16, 70"})
    void aProductOfOneSlabEqualsTheWidenedWeightsBitForBit(Format format, int rows) {
        SplittableRandom rng = new SplittableRandom(rows);
        HalfWeight w = randomHalf(rng, format, 48, 200);
        Tensor bias = random(rng, 48);
        Tensor dy = random(rng, rows, 48);
        Tensor x = random(rng, rows, 200);
        Result half = run(x, w, null, bias, dy);
        Result reference = run(x, null, w.widened(), bias, dy);
        assertArrayEquals(reference.y, half.y, "forward");
        assertArrayEquals(reference.dx, half.dx, "input gradient");
        assertArrayEquals(reference.dbias, half.dbias, "bias gradient");
    }

    /**
     * Deeper products add slab after slab, so their sums run in another order than a double reference of
     * the widened values: each result is within float32's bound for a sum of K products,
     * {@code K * 2^-24 * sum |x_k w_k|} (doubled for margin), of it.
     */
    @ParameterizedTest
    @CsvSource({"BF16, 2", "BF16, 40", "F16, 40"})
    void deeperProductsAgreeWithADoubleReferenceWithinFloat32Rounding(Format format, int rows) {
        SplittableRandom rng = new SplittableRandom(7 + rows);
        int in = 600;
        int out = 520;
        HalfWeight w = randomHalf(rng, format, out, in);
        Tensor x = random(rng, rows, in);
        Tensor dy = random(rng, rows, out);
        Result r = run(x, w, null, null, dy);
        float[] xd = x.toArray();
        float[] dyd = dy.toArray();
        for (int i = 0; i < rows; i++) {
            for (int o = 0; o < out; o++) {
                double sum = 0;
                double magnitude = 0;
                for (int k = 0; k < in; k++) {
                    double p = (double) xd[i * in + k] * w.get(o, k);
                    sum += p;
                    magnitude += Math.abs(p);
                }
                assertWithin("y[" + i + "][" + o + "]", sum, r.y[i * out + o], in, magnitude);
            }
            for (int k = 0; k < in; k++) {
                double sum = 0;
                double magnitude = 0;
                for (int o = 0; o < out; o++) {
                    double p = (double) dyd[i * out + o] * w.get(o, k);
                    sum += p;
                    magnitude += Math.abs(p);
                }
                assertWithin("dx[" + i + "][" + k + "]", sum, r.dx[i * in + k], out, magnitude);
            }
        }
    }

    @Test
    void aHalfWeightTakesHalfTheBytesOfItsFloat32Values() {
        HalfWeight w = new HalfWeight("w", Format.BF16, 96, 320);
        Tensor widened = w.widened();
        assertEquals(96 * 320, w.bits().length);
        assertEquals(Float.BYTES * (long) widened.size(), 2 * w.bytes());
    }

    @Test
    void bf16RoundsToNearestEvenAsPyTorchDoes() {
        Format bf16 = Format.BF16;
        assertEquals((short) 0x3F80, bf16.narrow(1f + 0x1p-8f), "a tie goes to the even 1.0");
        assertEquals((short) 0x3F82, bf16.narrow(1f + 3 * 0x1p-8f), "a tie goes to the even 1 + 2^-6");
        assertEquals((short) 0x3F81, bf16.narrow(1f + 0x1p-8f + 0x1p-20f), "past the tie rounds up");
        assertEquals((short) 0xC040, bf16.narrow(-3f));
        assertTrue(Float.isNaN(bf16.widen(bf16.narrow(Float.NaN))));
        assertEquals(Float.POSITIVE_INFINITY, bf16.widen(bf16.narrow(Float.POSITIVE_INFINITY)));
        assertEquals(1.5f, Format.F16.widen(Format.F16.narrow(1.5f)));
    }

    @Test
    void aFrozenWeightIsNoParameterOfTheGraph() {
        SplittableRandom rng = new SplittableRandom(3);
        HalfWeight w = randomHalf(rng, Format.BF16, 8, 16);
        Tensor y = Linear.forward(random(rng, 2, 16), w, null); // an input that wants no gradient
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> Reduce.sum(y).backward());
        assertTrue(e.getMessage().contains("does not depend on any parameter"), e.getMessage());
    }

    @Test
    void anInputOfTheWrongWidthIsRefusedNamingTheWeight() {
        HalfWeight w = new HalfWeight("layer.weight", Format.BF16, 8, 16);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Linear.forward(Tensor.zeros(2, 15), w, null));
        assertTrue(e.getMessage().contains("layer.weight"), e.getMessage());
    }

    @Test
    void openClRefusesAHalfWeightInOneLineNamingIt() {
        String why = OpenClDevices.unavailableReason();
        Assumptions.assumeTrue(why == null, () -> "OpenCL tests skipped: " + why);
        HalfWeight w = new HalfWeight("model.layers.0.mlp.up_proj.weight", Format.BF16, 8, 16);
        Backend.use(OpenClBackend.open(0));
        try {
            UnsupportedOperationException e = assertThrows(
                    UnsupportedOperationException.class, () -> Linear.forward(Tensor.zeros(2, 16), w, null));
            assertTrue(e.getMessage().contains(w.name()) && e.getMessage().contains("--backend cpu"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        } finally {
            Backend.use(CpuBackend.INSTANCE);
        }
    }

    private record Result(float[] y, float[] dx, float[] dbias) {}

    /** y = x W^T + bias with W either 16-bit or float32, then the gradients of sum(y * dy). */
    private static Result run(Tensor x, HalfWeight half, Tensor full, Tensor bias, Tensor dy) {
        Tensor in = Tensor.of(x.toArray(), x.shape()).requiresGrad(true);
        Tensor b = bias == null ? null : Tensor.of(bias.toArray(), bias.shape()).requiresGrad(true);
        Tensor y = half != null ? Linear.forward(in, half, b) : Linear.forward(in, full, b);
        Reduce.sum(Elementwise.mul(y, dy)).backward();
        return new Result(
                y.toArray(), in.grad().toArray(), b == null ? null : b.grad().toArray());
    }

    private static void assertWithin(String what, double expected, float actual, int terms, double magnitude) {
        double bound = 2.0 * terms * 0x1p-24 * magnitude;
        assertTrue(
                Math.abs(actual - expected) <= bound,
                what + ": " + actual + " vs " + expected + " (bound " + bound + ")");
    }

    private static HalfWeight randomHalf(SplittableRandom rng, Format format, int rows, int cols) {
        HalfWeight w = new HalfWeight("w", format, rows, cols);
        w.narrowFrom(random(rng, rows, cols));
        return w;
    }

    private static Tensor random(SplittableRandom rng, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.hostData();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return t;
    }
}
