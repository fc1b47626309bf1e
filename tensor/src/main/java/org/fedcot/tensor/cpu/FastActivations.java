package org.fedcot.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * CPU fast path of SwiGLU's forward ({@link org.fedcot.tensor.kernels.ActivationKernels#swigluForward},
 * same signature and contract), bound in its place by {@link CpuBackend}: the sigmoid's exponential
 * on vectors through {@link VectorExp} instead of one {@link Math#exp} per element, which made SwiGLU
 * a sixth of a batched decode step. Every element gets the same bits wherever it falls (whole vectors
 * and the masked tail run the same operations), so a row's results do not depend on the rows beside it.
 */
public final class FastActivations {
    private static final VectorSpecies<Float> S = Lanes.SPECIES;
    private static final int L = S.length();

    private FastActivations() {}

    /**
     * {@code out[i] = g * sigmoid(g) * up[i]}, {@code g = gate[i]}, for i in [lo, hi): with
     * {@code e = exp(-|g|)}, sigmoid(g) is {@code 1 / (1 + e)} for g >= 0 and {@code e / (1 + e)} below,
     * so the exponential only ever sees arguments {@code <= 0}.
     */
    public static void swigluForward(
            float[] out, int outOff, float[] gate, int gateOff, float[] up, int upOff, int lo, int hi) {
        for (int i = lo; i < hi; i += L) {
            VectorMask<Float> m = S.indexInRange(i, hi);
            FloatVector g = FloatVector.fromArray(S, gate, gateOff + i, m);
            FloatVector e = VectorExp.exp(g.lanewise(VectorOperators.ABS).neg());
            FloatVector top = e.blend(1f, g.compare(VectorOperators.GE, 0f));
            FloatVector sigmoid = top.div(e.add(1f));
            g.mul(sigmoid).mul(FloatVector.fromArray(S, up, upOff + i, m)).intoArray(out, outOff + i, m);
        }
    }
}
