package org.fedcot.privacy;

import java.util.SplittableRandom;

/**
 * SanText as its paper publishes it (Yue et al. 2021, "Differential Privacy for Text Analytics via Natural Text
 * Sanitization"): {@code Pr[r | x] ∝ exp(-eps * d(x, r) / 2)} over the whole vocabulary, d the Euclidean distance
 * between the raw (not normalised) word vectors. It is eps * d-metric DP: for any x, x', r,
 * {@code Pr[r | x] <= exp(eps * d(x, x')) Pr[r | x']} (the triangle inequality bounds both the weight and the
 * normaliser by {@code exp(eps * d(x, x') / 2)}), so eps is spent per unit of distance and two words far apart get
 * no useful bound. {@link SanText} is the cosine form FedCoT's reference describes.
 *
 * <p>Distances come from the cosine row and the vectors' lengths: {@code d^2 = |x|^2 + |r|^2 - 2 |x| |r| cos}.
 */
public final class SanTextEuclidean implements Mechanism {
    private final double epsilon;
    private final EmbeddingTable table;

    /** The published SanText over {@code table}'s raw vectors. */
    public SanTextEuclidean(double epsilon, EmbeddingTable table) {
        this.epsilon = Mechanism.checkEpsilon(epsilon);
        this.table = table;
    }

    @Override
    public MechanismKind kind() {
        return MechanismKind.SANTEXT_EUCLIDEAN;
    }

    @Override
    public double epsilon() {
        return epsilon;
    }

    /** d(x, r) from cos(x, r), exactly 0 for r = x. */
    private double distance(int x, int r, double cosine) {
        if (x == r) {
            return 0;
        }
        double a = table.norm(x);
        double b = table.norm(r);
        return Math.sqrt(Math.max(0, a * a + b * b - 2 * a * b * cosine));
    }

    /** -d(x, r) for the rows [from, from + n) into {@code out}: the utility, largest (0) at x itself. */
    private void utilities(int x, SimilarityRow similarities, int from, int n, double[] out) {
        for (int i = 0; i < n; i++) {
            out[i] = -distance(x, from + i, similarities.get(from + i));
        }
    }

    @Override
    public OutputDistribution prepare(int input, SimilarityRow similarities) {
        double[] u = new double[similarities.size()];
        utilities(input, similarities, 0, u.length, u);
        CumulativeWeights weights = CumulativeWeights.exponential(u, epsilon / 2);
        return weights.distribution();
    }

    /** The normaliser summed a chunk at a time (no row of weights per input), then the outputs' weights. */
    @Override
    public LikelihoodColumn likelihoods(int input, SimilarityRow similarities, SplittableRandom rng) {
        double total = Exponentials.shiftedSum(
                similarities.size(), 0, epsilon / 2, (from, n, out) -> utilities(input, similarities, from, n, out));
        return outputs -> {
            double[] p = new double[outputs.length];
            for (int j = 0; j < outputs.length; j++) {
                p[j] = -distance(input, outputs[j], similarities.get(outputs[j]));
            }
            Exponentials.shiftedInPlace(p, 0, epsilon / 2);
            for (int j = 0; j < outputs.length; j++) {
                p[j] /= total;
            }
            return p;
        };
    }

    /** Pr[r | x] / Pr[x | x] = exp(-eps * d(x, r) / 2) exactly, and d shrinks as the cosine grows. */
    @Override
    public double logRatioBound(int input, int output, double cosine) {
        return -epsilon / 2 * distance(input, output, Math.min(cosine, 1));
    }
}
