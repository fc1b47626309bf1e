package org.fedcot.eval.score;

import java.util.Collection;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * How many of a set of questions were answered correctly, with its 95% Wilson score interval.
 *
 * @param correct questions answered correctly
 * @param total   questions scored, at least one
 */
public record Accuracy(int correct, int total) {
    /** Checks 0 <= correct <= total and total >= 1. */
    public Accuracy {
        if (total < 1 || correct < 0 || correct > total) {
            throw new IllegalArgumentException("accuracy of " + correct + " correct out of " + total
                    + ": need 0 <= correct <= total and total >= 1");
        }
    }

    /** The accuracy of {@code items}, counting those {@code isCorrect} accepts. */
    public static <T> Accuracy count(Collection<T> items, Predicate<? super T> isCorrect) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("no examples were scored, so there is no accuracy");
        }
        return new Accuracy((int) items.stream().filter(isCorrect).count(), items.size());
    }

    /** correct / total. */
    public double value() {
        return (double) correct / total;
    }

    /** The 95% Wilson score interval. */
    public Interval interval() {
        return WilsonInterval.of95(correct, total);
    }

    /** {@code 0.6000 (95% CI 0.3127-0.8318, n=10)}: the accuracy as the command line prints it. */
    public String summary() {
        Interval ci = interval();
        return String.format(Locale.ROOT, "%.4f (95%% CI %.4f-%.4f, n=%d)", value(), ci.lower(), ci.upper(), total);
    }
}
