package org.fedcot.eval.score;

import java.util.Map;

/** What a scorer decided for one question: a line of the predictions file. */
public sealed interface Prediction permits ChoicePrediction, GenerationPrediction {
    /** The question's id. */
    String id();

    /** Index of the gold answer among the question's choices. */
    int gold();

    /** Index of the predicted choice, or -1 when the answer matched none. */
    int predicted();

    /** Whether the prediction is the gold answer. */
    default boolean correct() {
        return predicted() == gold();
    }

    /** The fields of the JSON line, in order. */
    Map<String, Object> toJson();
}
