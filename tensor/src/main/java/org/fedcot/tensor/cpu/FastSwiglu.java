package org.fedcot.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * CPU fast path of SwiGLU forward, {@code out = gate * sigmoid(gate) * up} (same contract as
 * {@link org.fedcot.tensor.kernels.ActivationKernels#swigluForward}), with the sigmoid's exponential
 * on vectors ({@link VectorExp}): one {@link Math#exp} per element made the Llama MLP's activation a
 * fifteenth of a batched decode step. Every element, the last partial vector's included, goes through the
 * same vector formula, so an element's result does not depend on where it falls in the array (a row
 * decoded alone gets the bits it gets in a batch).
 */
final class FastSwiglu {
    private static final VectorSpecies<Float> S = Lanes.SPECIES;
    private static final int L = S.length();
    /** Rough inner-loop steps per vector, for the split over the cores. */
    private static final long COST = 40;

    private FastSwiglu() {}

    /** {@code out[i] = silu(gate[gateOff + i]) * up[upOff + i]} for i in [0, n). */
    static void forward(float[] out, float[] gate, int gateOff, float[] up, int upOff, int n) {
        int vectors = (n + L - 1) / L;
        Parallel.forRange(vectors, COST, (lo, hi) -> {
            for (int v = lo; v < hi; v++) {
                int i = v * L;
                VectorMask<Float> live = S.indexInRange(i, n);
                FloatVector g = FloatVector.fromArray(S, gate, gateOff + i, live);
                FloatVector u = FloatVector.fromArray(S, up, upOff + i, live);
                g.mul(sigmoid(g)).mul(u).intoArray(out, i, live);
            }
        });
    }

    /**
     * 1 / (1 + e^-x) from {@code e = e^-|x|}, which never overflows: 1 / (1 + e) for x >= 0 and
     * e / (1 + e) below.
     */
    private static FloatVector sigmoid(FloatVector x) {
        FloatVector e = VectorExp.exp(x.lanewise(VectorOperators.ABS).neg());
        FloatVector numerator = FloatVector.broadcast(S, 1f).blend(e, x.lt(0f));
        return numerator.div(e.add(1f));
    }
}
