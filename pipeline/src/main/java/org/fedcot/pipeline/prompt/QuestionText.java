package org.fedcot.pipeline.prompt;

import java.util.List;
import java.util.stream.Collectors;
import org.fedcot.eval.data.QaExample;

/**
 * The text of a question as every prompt quotes it, in the reference's layout: "{question} \nChoices:{choices}\n",
 * choices as a list ("['park', 'garden center']"), a passage (BoolQ) first. This is also the text the encoder
 * perturbs: what the server may see of a private example is at most this, perturbed.
 */
public final class QuestionText {
    /** Ends every target the SLMs learn and every generation: the reference's stop string. */
    public static final String END = "<end>";

    private QuestionText() {}

    /** The question with its choices (and passage), as sent for perturbation. */
    public static String of(QaExample e) {
        String passage =
                e.passage() == null || e.passage().isBlank() ? "" : e.passage().strip() + "\n";
        return passage + e.question().strip() + " \nChoices:" + choices(e.choices()) + "\n";
    }

    /** The choices as a quoted list. */
    public static String choices(List<String> choices) {
        return choices.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", ", "[", "]"));
    }
}
