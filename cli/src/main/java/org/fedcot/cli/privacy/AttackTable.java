package org.fedcot.cli.privacy;

import java.util.Locale;
import org.fedcot.privacy.AttackScore;

/** One line of an attack-recovery table in Markdown, as {@code fedcot bench attack} and {@code fedcot attack} print it. */
final class AttackTable {
    /** The header, ending in a tokens/s column the caller fills. */
    static final String HEADER = """
            | mechanism | eps | words | pass-through | NN top-1 | NN top-5 | Bayes top-1 | Bayes top-5 \
            | Bayes top-1, all words | released tokens/s |
            |---|---|---|---|---|---|---|---|---|---|""";

    private AttackTable() {
    }

    /** The row of {@code score}: recovery of the eligible (private) words, then of all words; without the last column. */
    static String row(String mechanism, double eps, AttackScore s) {
        return String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %s |", mechanism, eps, s.units(),
                percent(s.passedThrough(), s.units()), percent(s.nearestEligible().top1(), s.eligible()),
                percent(s.nearestEligible().top5(), s.eligible()), percent(s.bayesEligible().top1(), s.eligible()),
                percent(s.bayesEligible().top5(), s.eligible()), percent(s.bayesAll().top1(), s.units()));
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * AttackScore.rate(part, whole));
    }
}
