package org.fedcot.eval.score;

/**
 * A confidence interval [lower, upper] of a proportion.
 *
 * @param lower lower bound, in [0, 1]
 * @param upper upper bound, in [lower, 1]
 */
public record Interval(double lower, double upper) {
    /** Checks 0 <= lower <= upper <= 1. */
    public Interval {
        if (!(0 <= lower && lower <= upper && upper <= 1)) {
            throw new IllegalArgumentException("interval [" + lower + ", " + upper + "] is not inside [0, 1]");
        }
    }

    /** Half the interval's width: the "±" of a table cell (the Wilson interval is not centred on the estimate). */
    public double halfWidth() {
        return (upper - lower) / 2;
    }
}
