package org.fedcot.privacy;

/** The running counts behind an {@link AttackScore}: one call per unit of the originals. */
final class RecoveryTally {
    private long units;
    private long eligible;
    private long passedThrough;
    private AttackScore.Recovery nearestAll = AttackScore.Recovery.NONE;
    private AttackScore.Recovery nearestEligible = AttackScore.Recovery.NONE;
    private AttackScore.Recovery bayesAll = AttackScore.Recovery.NONE;
    private AttackScore.Recovery bayesEligible = AttackScore.Recovery.NONE;

    /**
     * Counts one unit: whether each attack's first guess and its top five hold the original, whether the unit is
     * private and whether it was sent as it was.
     */
    void add(boolean nearest1, boolean nearest5, boolean bayes1, boolean bayes5, boolean isEligible, boolean sentAsIs) {
        units++;
        eligible += isEligible ? 1 : 0;
        passedThrough += sentAsIs ? 1 : 0;
        nearestAll = nearestAll.plus(nearest1, nearest5);
        bayesAll = bayesAll.plus(bayes1, bayes5);
        if (isEligible) {
            nearestEligible = nearestEligible.plus(nearest1, nearest5);
            bayesEligible = bayesEligible.plus(bayes1, bayes5);
        }
    }

    /** The score of {@code texts} paired texts, {@code unaligned} left out. */
    AttackScore score(long texts, long unaligned) {
        return new AttackScore(
                texts, unaligned, units, eligible, passedThrough, nearestAll, nearestEligible, bayesAll, bayesEligible);
    }
}
