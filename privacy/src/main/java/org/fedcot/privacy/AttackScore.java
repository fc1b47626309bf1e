package org.fedcot.privacy;

/**
 * How much of the private texts the attacks recovered from their releases, counted over aligned words and
 * numbers (units).
 *
 * @param texts           released texts scored
 * @param unaligned       released texts left out: their units did not pair one to one with the original's
 * @param units           words and numbers in the scored texts
 * @param eligible        units the policy counts as private (every unit but the stopwords it keeps)
 * @param passedThrough   units sent unchanged without the mechanism or a replacement (kept stopwords, kept
 *                        unknown words and numbers)
 * @param nearestAll      nearest-neighbour inversion over all units
 * @param nearestEligible nearest-neighbour inversion over the eligible units
 * @param bayesAll        Bayesian inversion over all units
 * @param bayesEligible   Bayesian inversion over the eligible units
 */
public record AttackScore(
        long texts,
        long unaligned,
        long units,
        long eligible,
        long passedThrough,
        Recovery nearestAll,
        Recovery nearestEligible,
        Recovery bayesAll,
        Recovery bayesEligible) {
    /**
     * Units whose original was the attack's first guess, and among its first {@link InversionAttack#TOP}.
     *
     * @param top1 recovered by the first guess
     * @param top5 recovered by one of the first five
     */
    public record Recovery(long top1, long top5) {
        /** No unit yet. */
        public static final Recovery NONE = new Recovery(0, 0);

        Recovery plus(boolean first, boolean inTop) {
            return new Recovery(top1 + (first ? 1 : 0), top5 + (inTop ? 1 : 0));
        }
    }

    /** The share {@code part / whole}, 0 for an empty whole. */
    public static double rate(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    /** Share of the units sent unchanged without any protection. */
    public double passThroughRate() {
        return rate(passedThrough, units);
    }
}
