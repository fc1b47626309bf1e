package org.fedcot.privacy;

/**
 * The mechanism's probabilities of outputs for one input x, Pr[r | x], prepared once so that an attack can ask
 * first for Pr[x | x] (no output is likelier: the bound that lets it skip an input) and then for many outputs.
 * Valid only while the similarity row it was made from is ({@link SimilarityRow}).
 */
@FunctionalInterface
public interface LikelihoodColumn {
    /** Pr[r | x] for every r of {@code outputs}, in order. */
    double[] of(int[] outputs);

    /** Pr[r | x] for one output. */
    default double of(int output) {
        return of(new int[] {output})[0];
    }
}
