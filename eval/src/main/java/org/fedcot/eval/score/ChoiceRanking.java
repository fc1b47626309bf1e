package org.fedcot.eval.score;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Which choice the log-likelihoods pick, as lm-evaluation-harness's multiple-choice metrics do:
 * {@code acc} takes the choice of highest log-likelihood, {@code acc_norm} the highest log-likelihood
 * per unit of the choice's length, so long answers are not penalised for having more tokens. The
 * harness divides by {@code len(choice)}, Python characters of the choice without the delimiter; here
 * the length is the choice's UTF-8 bytes (equal for ASCII), which, unlike characters, does not depend on
 * how a script's letters are composed. Ties go to the first choice, as numpy's argmax breaks them.
 */
public final class ChoiceRanking {
    private ChoiceRanking() {}

    /** The index of the highest log-likelihood (acc's prediction). */
    public static int byLoglikelihood(double[] logliks) {
        requireChoices(logliks);
        int best = 0;
        for (int i = 1; i < logliks.length; i++) {
            if (logliks[i] > logliks[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The index of the highest log-likelihood per UTF-8 byte of the choice's text (acc_norm's prediction).
     *
     * @throws IllegalArgumentException when the counts differ or a choice is empty
     */
    public static int byLoglikelihoodPerByte(double[] logliks, List<String> choices) {
        requireChoices(logliks);
        if (choices.size() != logliks.length) {
            throw new IllegalArgumentException(logliks.length + " log-likelihoods for " + choices.size() + " choices");
        }
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logliks.length; i++) {
            int bytes = choices.get(i).getBytes(StandardCharsets.UTF_8).length;
            if (bytes == 0) {
                throw new IllegalArgumentException("choice " + i + " is empty, so it has no length to normalise by");
            }
            double score = logliks[i] / bytes;
            if (best < 0 || score > bestScore) {
                best = i;
                bestScore = score;
            }
        }
        return best;
    }

    private static void requireChoices(double[] logliks) {
        if (logliks.length == 0) {
            throw new IllegalArgumentException("there are no choices to rank");
        }
    }
}
