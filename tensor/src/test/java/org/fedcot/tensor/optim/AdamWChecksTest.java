package org.fedcot.tensor.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.fedcot.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** AdamW's checked entry points, state validation and allocation behaviour. */
class AdamWChecksTest {
    @Test
    void nonFiniteGradientNamesParameterAndElementAndUpdatesNothing() {
        Tensor a = param("a", 6, 0.5f);
        Tensor b = param("b", 300, -0.25f);
        AdamW opt = new AdamW(List.of(a, b));
        opt.step();
        float[] aBefore = a.toArray();
        float[] bBefore = b.toArray();
        AdamW.State stateBefore = opt.state();

        b.grad().set(123, Float.NaN);
        IllegalStateException e = assertThrows(IllegalStateException.class, opt::step);

        assertTrue(e.getMessage().contains("b") && e.getMessage().contains("element 123"), e.getMessage());
        assertArrayEquals(aBefore, a.toArray(), "a precedes the bad gradient and must not be updated either");
        assertArrayEquals(bBefore, b.toArray());
        assertEquals(stateBefore.step(), opt.stepCount());
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(
                    stateBefore.params().get(i).m(), opt.state().params().get(i).m());
            assertArrayEquals(
                    stateBefore.params().get(i).v(), opt.state().params().get(i).v());
            assertEquals(
                    stateBefore.params().get(i).step(),
                    opt.state().params().get(i).step());
        }

        b.grad().set(123, Float.NEGATIVE_INFINITY);
        assertThrows(IllegalStateException.class, opt::step);
    }

    @Test
    void parametersWithoutGradientAreSkipped() {
        Tensor a = param("a", 4, 1f);
        Tensor frozen = Tensor.of(new float[] {1f, 2f}, 2).named("frozen");
        AdamW opt = new AdamW(List.of(a, frozen), 0.1, 0.9, 0.999, 1e-8, 0.5);
        opt.step();
        assertArrayEquals(new float[] {1f, 2f}, frozen.toArray(), "no gradient: no step, not even weight decay");
        assertEquals(0, opt.state().params().get(1).step());
        assertEquals(1, opt.state().params().get(0).step());
    }

    @Test
    void stepsAfterTheFirstAllocateNoParameterSizedArrays() {
        int n = 1 << 20;
        Tensor p = param("big", n, 1e-3f);
        AdamW opt = new AdamW(List.of(p));
        opt.step();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();

        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 3; i++) {
            opt.step();
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;

        long oneCopy = 4L * n;
        System.out.printf("AdamW: 3 steps on %d floats allocated %d bytes on the calling thread%n", n, allocated);
        assertTrue(
                allocated < oneCopy / 16,
                "3 steps allocated " + allocated + " bytes; one parameter copy is " + oneCopy);
    }

    @Test
    void loadStateRejectsWrongSizesNamingTheParameter() {
        Tensor a = param("encoder.weight", 6, 1f);
        Tensor b = param("encoder.bias", 3, 1f);
        AdamW opt = new AdamW(List.of(a, b));
        AdamW.State good = opt.state();
        AdamW.ParamState okA = good.params().get(0);

        AdamW.State shortM = new AdamW.State(1, List.of(okA, new AdamW.ParamState(1, new float[2], new float[3])));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.loadState(shortM));
        assertTrue(e.getMessage().contains("encoder.bias") && e.getMessage().contains("first moment"), e.getMessage());

        AdamW.State longV = new AdamW.State(
                1,
                List.of(
                        new AdamW.ParamState(1, new float[6], new float[7]),
                        good.params().get(1)));
        e = assertThrows(IllegalArgumentException.class, () -> opt.loadState(longV));
        assertTrue(
                e.getMessage().contains("encoder.weight") && e.getMessage().contains("second moment"), e.getMessage());

        AdamW.State tooFew = new AdamW.State(1, List.of(okA));
        e = assertThrows(IllegalArgumentException.class, () -> opt.loadState(tooFew));
        assertTrue(e.getMessage().contains("1 parameters") && e.getMessage().contains("has 2"), e.getMessage());
    }

    @Test
    void loadStateRestoresAndSnapshotsAreCopies() {
        Tensor a = param("a", 3, 1f);
        AdamW opt = new AdamW(List.of(a));
        float[] m = {1f, 2f, 3f};
        opt.loadState(new AdamW.State(7, List.of(new AdamW.ParamState(5, m, new float[] {4f, 5f, 6f}))));
        m[0] = 99f;
        AdamW.State s = opt.state();
        assertEquals(7, s.step());
        assertEquals(5, s.params().get(0).step());
        assertArrayEquals(new float[] {1f, 2f, 3f}, s.params().get(0).m());
        s.params().get(0).v()[0] = -1f;
        assertEquals(4f, opt.state().params().get(0).v()[0]);
    }

    @Test
    void rejectsBadHyperparametersAndRepeatedParameters() {
        Tensor a = param("a", 3, 1f);
        assertThrows(IllegalArgumentException.class, () -> new AdamW(List.of(a), -1e-3, 0.9, 0.999, 1e-8, 0));
        assertThrows(IllegalArgumentException.class, () -> new AdamW(List.of(a), 1e-3, 1.0, 0.999, 1e-8, 0));
        assertThrows(IllegalArgumentException.class, () -> new AdamW(List.of(a), 1e-3, 0.9, 0.999, Double.NaN, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AdamW(List.of(a, a)));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        AdamW opt = new AdamW(List.of(a));
        assertThrows(IllegalArgumentException.class, () -> opt.setLearningRate(Double.POSITIVE_INFINITY));
    }

    @Test
    void zeroGradKeepsStorage() {
        Tensor a = param("a", 3, 2f);
        Tensor g = a.grad();
        new AdamW(List.of(a)).zeroGrad();
        assertEquals(g, a.grad());
        assertArrayEquals(new float[3], a.grad().toArray());
    }

    /** A parameter of {@code n} ones-ish values with a gradient filled with {@code grad}. */
    private static Tensor param(String name, int n, float grad) {
        float[] values = new float[n];
        float[] grads = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = 1f + i % 7 * 0.1f;
            grads[i] = grad;
        }
        Tensor p = Tensor.of(values, n).named(name).requiresGrad(true);
        p.setGrad(Tensor.of(grads, n));
        return p;
    }
}
