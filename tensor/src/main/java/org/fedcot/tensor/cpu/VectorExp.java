package org.fedcot.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code e^x} for {@code x <= 0} on vectors, the exponential of the CPU fast paths (softmax rows of
 * cross-entropy and attention, the sigmoid of SwiGLU).
 *
 * <p>Its bits are the same from one run to the next: the JDK's {@link VectorOperators#EXP} gives
 * different bits before and after the JIT compiles a loop (a Java fallback, then a vector math
 * library), which made two trainings with the same seed drift apart and would make a sequence decoded
 * in a batch differ from the same sequence decoded alone. This one uses only IEEE add, multiply and
 * fused multiply-add, so interpreted and compiled code agree bit for bit.
 */
final class VectorExp {
    private static final VectorSpecies<Float> S = Lanes.SPECIES;
    private static final int L = S.length();
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
     * e^x lane by lane for x <= 0, within about 2e-7 relative of {@link Math#exp}: x = n ln2 + r with
     * |r| <= ln2 / 2, e^r by its degree-6 Taylor polynomial, times 2^n built in the exponent bits; 0
     * below the smallest normal float.
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

    /**
     * {@code a[off + i] = e^(a[off + i] - shift)} for i in [0, n), every {@code a - shift <= 0}; the last
     * partial vector through a mask, so every element gets the same bits wherever it falls. A loop of its
     * own rather than calls from inside a large kernel: there the JIT may run out of inlining budget and
     * box every vector it passes to {@link #exp}.
     */
    static void expShifted(float[] a, int off, int n, float shift) {
        FloatVector sv = FloatVector.broadcast(S, shift);
        int i = 0;
        for (; i + L <= n; i += L) {
            exp(FloatVector.fromArray(S, a, off + i).sub(sv)).intoArray(a, off + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            exp(FloatVector.fromArray(S, a, off + i, m).sub(sv)).intoArray(a, off + i, m);
        }
    }
}
