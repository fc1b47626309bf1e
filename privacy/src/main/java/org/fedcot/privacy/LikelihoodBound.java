package org.fedcot.privacy;

/**
 * What an attack may assume about one input x's likelihoods Pr[r | x] without x's similarity row, so that it can
 * skip x when no released word could take it into its top guesses.
 */
public interface LikelihoodBound {
    /** An upper bound on Pr[x | x], which no output of x exceeds. */
    double self();

    /**
     * An upper bound on {@code ln Pr[r | x]} for output {@code output} given {@code cosine}, at least cos(x, r)
     * (the bound grows with it), and never above {@code ln self()} plus the mechanism's
     * {@link Mechanism#logRatioBound}, which an attack checks first.
     */
    double logAt(int output, double cosine);
}
