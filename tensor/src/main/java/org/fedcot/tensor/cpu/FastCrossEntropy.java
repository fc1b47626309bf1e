package org.fedcot.tensor.cpu;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * CPU fast path of cross-entropy, same contract as
 * {@link org.fedcot.tensor.kernels.CrossEntropyKernels}: the row max, the sum of exponentials and
 * the softmax gradient run as Vector API loops, with {@code exp} vectorised by {@link VectorExp} instead of
 * one scalar call per logit. The inner loops have no data-dependent branches; ignored rows are settled
 * per row, outside them. Tested against the portable kernels.
 *
 * <p>Every result is the same from one run to the next: the JDK's {@link VectorOperators#EXP} and float
 * {@code ADD} lane reduction give different bits before and after the JIT compiles a loop (a Java
 * fallback, then a vector math library and a tree-shaped sum), which made two trainings with the same
 * seed drift apart. {@link VectorExp} uses only IEEE add, multiply and fused multiply-add, and lanes are summed
 * in order.
 */
final class FastCrossEntropy {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private FastCrossEntropy() {}

    /** Vector loops only pay off once a row spans a few vectors. */
    static boolean worthIt(int V) {
        return V >= 4 * L;
    }

    /** See {@link org.fedcot.tensor.kernels.CrossEntropyKernels#crossEntropyForward}; all N rows. */
    static void forward(
            float[] rowLoss, float[] lse, float[] logits, int logitsOff, int[] targets, int N, int V, int ignoreIndex) {
        Parallel.forRange(N, 2L * V, (lo, hi) -> {
            for (int n = lo; n < hi; n++) {
                int base = logitsOff + n * V;
                float l = logSumExp(logits, base, V);
                lse[n] = l;
                int t = targets[n];
                rowLoss[n] = t == ignoreIndex ? 0f : l - logits[base + t];
            }
        });
    }

    /** See {@link org.fedcot.tensor.kernels.CrossEntropyKernels#crossEntropyBackward}; all N rows. */
    static void backward(
            float[] dlogits,
            int dlogitsOff,
            float[] logits,
            int logitsOff,
            float[] lse,
            int[] targets,
            float[] rowScale,
            int N,
            int V,
            boolean accumulate) {
        Parallel.forRange(N, 2L * V, (lo, hi) -> {
            for (int n = lo; n < hi; n++) {
                int d = dlogitsOff + n * V;
                float s = rowScale[n];
                if (s == 0f) { // an ignored or weightless row: its gradient is zero
                    if (!accumulate) {
                        Arrays.fill(dlogits, d, d + V, 0f);
                    }
                    continue;
                }
                scaledSoftmax(dlogits, d, logits, logitsOff + n * V, V, lse[n], s, accumulate);
                dlogits[d + targets[n]] -= s;
            }
        });
    }

    /**
     * The log-sum-exp of {@code x[base, base + V)}, or NaN when the row holds a NaN or an infinity.
     * Two passes (max, then sum of exponentials) over a row that stays in cache between them.
     */
    private static float logSumExp(float[] x, int base, int V) {
        int bound = S.loopBound(V);
        FloatVector max = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        // x * 0 is 0 for finite x and NaN for NaN or +-infinity (which max and exp can hide)
        FloatVector nonFinite = FloatVector.zero(S);
        for (int v = 0; v < bound; v += L) {
            FloatVector xv = FloatVector.fromArray(S, x, base + v);
            max = max.max(xv);
            nonFinite = nonFinite.add(xv.mul(0f));
        }
        float m = max.reduceLanes(VectorOperators.MAX);
        float bad = nonFinite.reduceLanes(VectorOperators.ADD);
        for (int v = bound; v < V; v++) {
            m = Math.max(m, x[base + v]);
            bad += x[base + v] * 0f;
        }
        FloatVector mv = FloatVector.broadcast(S, m);
        FloatVector sum = FloatVector.zero(S);
        for (int v = 0; v < bound; v += L) {
            sum = sum.add(VectorExp.exp(FloatVector.fromArray(S, x, base + v).sub(mv)));
        }
        float total = inOrder(sum);
        for (int v = bound; v < V; v++) {
            total += (float) Math.exp(x[base + v] - m);
        }
        return m + (float) Math.log(total) + bad;
    }

    /** {@code d[d0 + v] (+)= s * exp(x[x0 + v] - lse)} for v in [0, V): the scaled softmax of one row. */
    private static void scaledSoftmax(
            float[] d, int d0, float[] x, int x0, int V, float lse, float s, boolean accumulate) {
        int bound = S.loopBound(V);
        FloatVector lv = FloatVector.broadcast(S, lse);
        FloatVector sv = FloatVector.broadcast(S, s);
        if (accumulate) {
            for (int v = 0; v < bound; v += L) {
                FloatVector p =
                        VectorExp.exp(FloatVector.fromArray(S, x, x0 + v).sub(lv));
                p.fma(sv, FloatVector.fromArray(S, d, d0 + v)).intoArray(d, d0 + v);
            }
            for (int v = bound; v < V; v++) {
                d[d0 + v] += s * (float) Math.exp(x[x0 + v] - lse);
            }
        } else {
            for (int v = 0; v < bound; v += L) {
                VectorExp.exp(FloatVector.fromArray(S, x, x0 + v).sub(lv))
                        .mul(sv)
                        .intoArray(d, d0 + v);
            }
            for (int v = bound; v < V; v++) {
                d[d0 + v] = s * (float) Math.exp(x[x0 + v] - lse);
            }
        }
    }

    /** The lanes of {@code v} added first to last, the same order however the loop was compiled. */
    private static float inOrder(FloatVector v) {
        float total = 0f;
        for (int i = 0; i < L; i++) {
            total += v.lane(i);
        }
        return total;
    }
}
