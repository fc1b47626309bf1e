package org.fedcot.pipeline.privacy;

import java.util.Locale;
import org.fedcot.privacy.AttackScore;

/**
 * The attacks' recovery from one release of the private prompts, beside the accuracy its variant reached.
 *
 * @param stage     the release's stage
 * @param mechanism the mechanism
 * @param epsilon   its eps per word
 * @param score     what the attacks recovered
 * @param accuracy  the test accuracy of the release's FedCoT-E variant, null when not (yet) measured
 * @param lm        the share of eligible words the server's LLM recovered in its restorations, null when not asked
 * @param prior     where the Bayesian attack's prior came from, in words
 */
public record AttackRow(
        String stage, String mechanism, double epsilon, AttackScore score, Double accuracy, Double lm, String prior) {
    /** The Markdown header of {@link #markdown}. */
    public static final String HEADER = """
            | mechanism | eps | FedCoT-E accuracy | words | pass-through | NN top-1 | NN top-5 | Bayes top-1 \
            | Bayes top-5 | Bayes top-1, all words | LM reconstruction |
            |---|---|---|---|---|---|---|---|---|---|---|
            """;

    /** The row in Markdown: recovery of the eligible (private) words, then of all words. */
    public String markdown() {
        AttackScore s = score;
        return String.format(
                Locale.ROOT,
                "| %s | %s | %s | %d | %s | %s | %s | %s | %s | %s | %s |%n",
                mechanism,
                epsilon,
                accuracy == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * accuracy),
                s.units(),
                percent(s.passedThrough(), s.units()),
                percent(s.nearestEligible().top1(), s.eligible()),
                percent(s.nearestEligible().top5(), s.eligible()),
                percent(s.bayesEligible().top1(), s.eligible()),
                percent(s.bayesEligible().top5(), s.eligible()),
                percent(s.bayesAll().top1(), s.units()),
                lm == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * lm));
    }

    /** The Bayesian attack's top-1 recovery of the eligible words, the privacy axis of the chart. */
    public double bayesRecovery() {
        return AttackScore.rate(score.bayesEligible().top1(), score.eligible());
    }

    /** The nearest-neighbour attack's top-1 recovery of the eligible words. */
    public double nearestRecovery() {
        return AttackScore.rate(score.nearestEligible().top1(), score.eligible());
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * AttackScore.rate(part, whole));
    }
}
