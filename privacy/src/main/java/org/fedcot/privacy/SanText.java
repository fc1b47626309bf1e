package org.fedcot.privacy;

import java.util.SplittableRandom;

/**
 * SanText: the exponential mechanism over the whole vocabulary,
 * {@code Pr[r | x] ∝ exp(eps * cos(x, r) / (2 * delta_u))}.
 *
 * <p>delta_u is the sensitivity of the utility, {@code max over x, x', r of |u(x, r) - u(x', r)|}.
 * For cosine similarity on any vocabulary that is at most 2, the width of [-1, 1], so the default
 * {@link #COSINE_SENSITIVITY} makes the mechanism exactly eps-DP between any two input words
 * without an O(V^2) pass to find the vocabulary's own, slightly smaller, value; a caller that knows
 * that value may pass it instead.
 */
public final class SanText implements Mechanism {
    /** The sensitivity of cosine similarity: its range [-1, 1] is 2 wide. */
    public static final double COSINE_SENSITIVITY = 2;

    private final double epsilon;
    private final double deltaU;

    /** SanText with {@code delta_u = 2}. */
    public SanText(double epsilon) {
        this(epsilon, COSINE_SENSITIVITY);
    }

    /** SanText with the given utility sensitivity (eps-DP only if it is at least the true one). */
    public SanText(double epsilon, double deltaU) {
        this.epsilon = Mechanism.checkEpsilon(epsilon);
        if (!(deltaU > 0) || Double.isInfinite(deltaU)) {
            throw new IllegalArgumentException("delta_u must be a positive finite number, not " + deltaU);
        }
        this.deltaU = deltaU;
    }

    @Override
    public MechanismKind kind() {
        return MechanismKind.SANTEXT;
    }

    @Override
    public double epsilon() {
        return epsilon;
    }

    /** The utility sensitivity delta_u in use. */
    public double deltaU() {
        return deltaU;
    }

    /** Every other row has weight at least exp(-2 eps / (2 delta_u)) against x's own 1, as cosines are at least -1. */
    @Override
    public double maxSelfLikelihood(int size) {
        return 1 / (1 + (size - 1) * Math.exp(-2 * epsilon / (2 * deltaU)));
    }

    /** Pr[r | x] / Pr[x | x] = exp(eps / (2 delta_u) * (cos(x, r) - 1)) exactly. */
    @Override
    public double logRatioBound(int input, int output, double cosine) {
        return epsilon / (2 * deltaU) * (Math.min(cosine, 1) - 1);
    }

    /** The normaliser summed a chunk at a time (no row of weights per input), then the outputs' weights. */
    @Override
    public LikelihoodColumn likelihoods(int input, SimilarityRow similarities, SplittableRandom rng) {
        double scale = epsilon / (2 * deltaU);
        // cos(x, x) = 1 is the row's largest utility, as CumulativeWeights would subtract
        double total = Exponentials.shiftedSum(similarities.size(), 1, scale, (from, n, out) -> {
            for (int i = 0; i < n; i++) {
                out[i] = similarities.get(from + i);
            }
        });
        return outputs -> {
            double[] p = new double[outputs.length];
            for (int j = 0; j < outputs.length; j++) {
                p[j] = similarities.get(outputs[j]);
            }
            Exponentials.shiftedInPlace(p, 1, scale);
            for (int j = 0; j < outputs.length; j++) {
                p[j] /= total;
            }
            return p;
        };
    }

    @Override
    public OutputDistribution prepare(int input, SimilarityRow similarities) {
        double[] u = new double[similarities.size()];
        for (int r = 0; r < u.length; r++) {
            u[r] = similarities.get(r);
        }
        CumulativeWeights weights = CumulativeWeights.exponential(u, epsilon / (2 * deltaU));
        return weights.distribution();
    }
}
