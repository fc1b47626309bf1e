package org.fedcot.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.fedcot.tensor.NoGrad;
import org.fedcot.tensor.Tensor;

/**
 * Checks an op's backward against central finite differences. The scalar probed is
 * {@code L = sum_i r_i * f(x)_i} with fixed random r, summed in double precision so the difference
 * quotient is not swamped by float rounding; every input element is perturbed by +-h.
 */
final class GradCheck {
    static final double TOLERANCE = 1e-3;
    private static final float H = 1e-2f;

    private GradCheck() {}

    static Tensor random(SplittableRandom rng, double scale, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, (float) ((rng.nextDouble() * 2 - 1) * scale));
        }
        return t.requiresGrad(true);
    }

    /** Asserts that the analytic gradient of every input agrees with the numeric one to {@link #TOLERANCE}. */
    static void check(String what, Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor out = f.apply(inputs);
        SplittableRandom rng = new SplittableRandom(7);
        float[] r = new float[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        for (Tensor x : inputs) {
            x.zeroGrad();
        }
        Tensor loss = Reduce.sum(Elementwise.mul(out, Tensor.of(r, out.shape())));
        loss.backward();
        for (int n = 0; n < inputs.length; n++) {
            Tensor x = inputs[n];
            if (!x.requiresGrad()) {
                continue;
            }
            double maxErr = 0;
            double maxRef = 0;
            for (int i = 0; i < x.size(); i++) {
                float saved = x.get(i);
                x.set(i, saved + H);
                double plus = probe(f, inputs, r);
                x.set(i, saved - H);
                double minus = probe(f, inputs, r);
                x.set(i, saved);
                double numeric = (plus - minus) / (2 * H);
                double analytic = x.grad() == null ? 0 : x.grad().get(i);
                maxErr = Math.max(maxErr, Math.abs(analytic - numeric));
                maxRef = Math.max(maxRef, Math.abs(numeric));
            }
            double rel = maxErr / Math.max(maxRef, 1e-12);
            assertTrue(
                    rel <= TOLERANCE,
                    what + ": gradient of input " + n + " differs from finite differences by " + rel
                            + " (max abs error " + maxErr + ", max |grad| " + maxRef + ")");
        }
    }

    private static double probe(Function<Tensor[], Tensor> f, Tensor[] inputs, float[] r) {
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor out = f.apply(inputs);
            double s = 0;
            for (int i = 0; i < out.size(); i++) {
                s += (double) r[i] * out.get(i);
            }
            return s;
        }
    }
}
