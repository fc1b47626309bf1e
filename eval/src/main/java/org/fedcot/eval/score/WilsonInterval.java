package org.fedcot.eval.score;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The Wilson score interval of a binomial proportion (Wilson 1927; Newcombe 1998, method 3). Unlike
 * the normal-approximation (Wald) interval it stays inside [0, 1] and does not collapse to a point at
 * 0/n or n/n, which matters for small evaluation sets and near-perfect accuracies.
 *
 * <p>With p = k/n and z the standard normal quantile of the level: centre (p + z²/2n) / (1 + z²/n),
 * half-width z sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n).
 */
public final class WilsonInterval {
    /** The level every report uses. */
    public static final double LEVEL_95 = 0.95;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
    private static final double Z_95 = z(LEVEL_95);

    private WilsonInterval() {}

    /** The 95% Wilson interval of {@code successes} out of {@code trials}. */
    public static Interval of95(long successes, long trials) {
        return withZ(successes, trials, Z_95);
    }

    /**
     * The two-sided Wilson interval at {@code level} (0.95 for 95%).
     *
     * @throws IllegalArgumentException unless 0 <= successes <= trials, trials >= 1 and 0 < level < 1
     */
    public static Interval of(long successes, long trials, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level " + level + " is not in (0, 1)");
        }
        return withZ(successes, trials, level == LEVEL_95 ? Z_95 : z(level));
    }

    private static Interval withZ(long k, long n, double z) {
        if (n < 1 || k < 0 || k > n) {
            throw new IllegalArgumentException(
                    "Wilson interval of " + k + " successes in " + n + " trials: need 0 <= k <= n" + " and n >= 1");
        }
        double p = (double) k / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        // at 0/n and n/n the bound is exactly 0 or 1; rounding would otherwise leave it a few ulps off
        double lower = k == 0 ? 0 : Math.max(0, centre - half);
        double upper = k == n ? 1 : Math.min(1, centre + half);
        return new Interval(lower, upper);
    }

    private static double z(double level) {
        return STANDARD_NORMAL.inverseCumulativeProbability(1 - (1 - level) / 2);
    }
}
