package org.fedcot.eval.score;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A question answered by generation.
 *
 * @param id        the question's id
 * @param gold      index of the gold choice
 * @param predicted index of the choice the generated text answers ({@link AnswerMatcher}), or -1
 * @param generated the generated text
 */
public record GenerationPrediction(String id, int gold, int predicted, String generated) implements Prediction {
    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("gold", gold);
        json.put("predicted", predicted < 0 ? null : predicted);
        json.put("correct", correct());
        json.put("generated", generated);
        return json;
    }
}
