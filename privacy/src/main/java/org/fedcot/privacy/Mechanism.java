package org.fedcot.privacy;

import java.util.SplittableRandom;

/**
 * An exponential mechanism over an {@link EmbeddingTable}: for an input row x it draws an output row
 * r with {@code Pr[r | x] ∝ exp(eps * u(x, r) / (2 * delta_u))}, u built from cosine similarity,
 * over a candidate set that depends on the mechanism. Implementations are immutable.
 */
public sealed interface Mechanism permits RanText, SanText, SanTextEuclidean, CusText {
    /** The mechanism's name as the command line spells it. */
    MechanismKind kind();

    /** The privacy parameter spent per perturbed word. */
    double epsilon();

    /** What {@link #epsilon()} guarantees. */
    default Guarantee guarantee() {
        return kind().guarantee();
    }

    /**
     * Prepares the draws for input row {@code input} from its cosine similarities to every row
     * ({@code similarities.get(input) == 1}, every value in [-1, 1]; see {@link CosineRows}). The
     * row is a view of a buffer the next block overwrites: keep a copy of what is needed, not the view.
     */
    OutputDistribution prepare(int input, SimilarityRow similarities);

    /**
     * The probabilities of outputs given input row {@code input}, whose similarity row is {@code similarities}:
     * a column of the mechanism's table, which an attacker who knows the mechanism inverts. Exact, except
     * RanText's, which averages its exact conditional probabilities over thresholds drawn from {@code rng}.
     */
    default LikelihoodColumn likelihoods(int input, SimilarityRow similarities, SplittableRandom rng) {
        Distribution d = prepare(input, similarities).probabilities(rng);
        return outputs -> {
            double[] p = new double[outputs.length];
            for (int j = 0; j < outputs.length; j++) {
                p[j] = d.probabilityOf(outputs[j]);
            }
            return p;
        };
    }

    /**
     * An upper bound on Pr[x | x], the likeliest output of any input, over a vocabulary of {@code size} rows,
     * known without a similarity row: 1 unless the mechanism bounds it.
     */
    default double maxSelfLikelihood(int size) {
        return 1;
    }

    /**
     * Bounds on input x's column as {@link #likelihoods} gives it with a generator in the state of {@code rng},
     * known without x's similarity row: {@link #maxSelfLikelihood} and {@link #logRatioBound} unless the mechanism
     * knows tighter ones.
     */
    default LikelihoodBound likelihoodBound(int input, int size, SplittableRandom rng) {
        double self = maxSelfLikelihood(size);
        return new LikelihoodBound() {
            @Override
            public double self() {
                return self;
            }

            @Override
            public double logAt(int output, double cosine) {
                return Math.log(self) + logRatioBound(input, output, cosine);
            }
        };
    }

    /**
     * An upper bound on {@code ln(Pr[r | x] / Pr[x | x])} given {@code cosine}, at least cos(x, r) (the bound
     * grows with it), so that an attack can tell from a cosine alone that an original cannot explain a released
     * word: 0 when the mechanism promises nothing of the kind.
     */
    default double logRatioBound(int input, int output, double cosine) {
        return 0;
    }

    /** Checks eps is usable: positive and finite. */
    static double checkEpsilon(double epsilon) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be a positive finite number, not " + epsilon);
        }
        return epsilon;
    }
}
