package org.fedcot.eval.score;

import java.util.List;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * The exact McNemar test of two scorers on the same questions: only the discordant pairs count, and under
 * the null hypothesis (neither is better) each is a fair coin's toss, so the two-sided p-value is
 * {@code min(1, 2 P(X <= min(gains, losses)))} for X ~ Binomial(gains + losses, 1/2).
 *
 * @param gains  questions the method answered right and the baseline wrong
 * @param losses questions the baseline answered right and the method wrong
 */
public record McNemar(int gains, int losses) {
    /** The level below which a difference is marked significant. */
    public static final double ALPHA = 0.05;

    /** Checks both counts are >= 0. */
    public McNemar {
        if (gains < 0 || losses < 0) {
            throw new IllegalArgumentException("McNemar counts must be >= 0, got " + gains + " and " + losses);
        }
    }

    /**
     * The test of {@code method} against {@code baseline}, whose i-th entries say whether each answered
     * question i right.
     *
     * @throws IllegalArgumentException when the lists differ in length
     */
    public static McNemar of(List<Boolean> method, List<Boolean> baseline) {
        if (method.size() != baseline.size()) {
            throw new IllegalArgumentException(
                    "McNemar needs paired outcomes; got " + method.size() + " and " + baseline.size());
        }
        int gains = 0;
        int losses = 0;
        for (int i = 0; i < method.size(); i++) {
            if (method.get(i) && !baseline.get(i)) {
                gains++;
            } else if (!method.get(i) && baseline.get(i)) {
                losses++;
            }
        }
        return new McNemar(gains, losses);
    }

    /** The discordant pairs. */
    public int discordant() {
        return gains + losses;
    }

    /** The exact two-sided p-value; 1 when no pair is discordant. */
    public double p() {
        int n = discordant();
        if (n == 0) {
            return 1;
        }
        double tail = new BinomialDistribution(null, n, 0.5).cumulativeProbability(Math.min(gains, losses));
        return Math.min(1, 2 * tail);
    }

    /** Whether p is below {@link #ALPHA}. */
    public boolean significant() {
        return p() < ALPHA;
    }

    /** A combined test over several sets of pairs (seeds): the discordant counts add up. */
    public McNemar plus(McNemar other) {
        return new McNemar(gains + other.gains, losses + other.losses);
    }
}
