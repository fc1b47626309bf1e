package org.fedcot.eval.score;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A multiple-choice question scored by log-likelihood.
 *
 * @param id            the question's id
 * @param gold          index of the gold choice
 * @param logliks       log-likelihood of each choice's continuation (natural log)
 * @param predicted     acc's prediction: the choice of highest log-likelihood
 * @param predictedNorm acc_norm's prediction: the highest log-likelihood per UTF-8 byte of the choice
 */
public record ChoicePrediction(String id, int gold, double[] logliks, int predicted, int predictedNorm)
        implements Prediction {
    /** Copies logliks. */
    public ChoicePrediction {
        logliks = logliks.clone();
    }

    /** The prediction {@link ChoiceRanking} makes from {@code logliks} for {@code choices}. */
    public static ChoicePrediction of(String id, int gold, double[] logliks, List<String> choices) {
        return new ChoicePrediction(
                id,
                gold,
                logliks,
                ChoiceRanking.byLoglikelihood(logliks),
                ChoiceRanking.byLoglikelihoodPerByte(logliks, choices));
    }

    /** A copy of the log-likelihoods. */
    @Override
    public double[] logliks() {
        return logliks.clone();
    }

    /** Whether acc_norm's prediction is the gold answer. */
    public boolean correctNorm() {
        return predictedNorm == gold;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("gold", gold);
        json.put("predicted", predicted);
        json.put("correct", correct());
        json.put("predicted_norm", predictedNorm);
        json.put("correct_norm", correctNorm());
        json.put("logliks", logliks.clone());
        return json;
    }

    @Override
    public String toString() {
        return "ChoicePrediction[" + id + ", gold " + gold + ", predicted " + predicted + ", norm " + predictedNorm
                + ", logliks " + Arrays.toString(logliks) + "]";
    }
}
