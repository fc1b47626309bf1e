package org.fedcot.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code exp} on vectors, for the softmaxes and sigmoids of the fast paths: one call per vector
 * rather than one {@link Math#exp} per float, which took about half of a decode step's attention. It
 * uses only IEEE add, multiply and fused multiply-add, so its bits are the same interpreted or
 * compiled, on every run (the JDK's vector {@code EXP} is not: a Java fallback, then a vector math
 * library).
 */
final class VectorExp {
    private static final VectorSpecies<Float> S = Lanes.SPECIES;
    private static final float LOG2E = 1.44269504f;
    /** ln 2 split in a part exact in few bits and the rest, so n * LN2_HI is exact (Cody-Waite). */
    private static final float LN2_HI = 0.693145751953125f;

    private static final float LN2_LO = 1.42860677e-6f;
    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer, ties to even. */
    private static final float ROUNDER = 12582912f;
    /** Below this, exp(x) is under the smallest normal float and is taken as 0. */
    private static final float UNDERFLOW = -87.33f;

    private VectorExp() {}

    /**
     * e^x lane by lane for x <= 0 (the arguments of a softmax: values minus their max or their log-sum-exp), within
     * about 2e-7 relative of {@link Math#exp}: x = n ln2 + r with |r| <= ln2 / 2, e^r by its degree-6 Taylor
     * polynomial, times 2^n built in the exponent bits; 0 below the smallest normal float.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(UNDERFLOW);
        FloatVector n = xc.mul(LOG2E).add(ROUNDER).sub(ROUNDER);
        FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), xc);
        r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector p = FloatVector.broadcast(S, 1f / 720);
        p = p.fma(r, FloatVector.broadcast(S, 1f / 120));
        p = p.fma(r, FloatVector.broadcast(S, 1f / 24));
        p = p.fma(r, FloatVector.broadcast(S, 1f / 6));
        p = p.fma(r, FloatVector.broadcast(S, 0.5f));
        p = p.fma(r, FloatVector.broadcast(S, 1f));
        p = p.fma(r, FloatVector.broadcast(S, 1f));
        FloatVector twoToN = n.convert(VectorOperators.F2I, 0)
                .reinterpretAsInts()
                .add(127)
                .lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();
        return p.mul(twoToN).blend(0f, x.lt(UNDERFLOW));
    }
}
