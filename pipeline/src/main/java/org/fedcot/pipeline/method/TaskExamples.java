package org.fedcot.pipeline.method;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fedcot.eval.data.QaExample;
import org.fedcot.llm.prompt.AnswerParser;
import org.fedcot.models.train.Example;
import org.fedcot.models.train.ExampleGroup;
import org.fedcot.models.train.TaskWeights;
import org.fedcot.pipeline.prompt.QuestionText;
import org.fedcot.pipeline.prompt.TaskPrompts;
import org.fedcot.pipeline.slm.ExampleEncoder;

/**
 * The task SLM's training set (step 5): per private example one group (always trained in the same batch) of
 * its label example ("Predict:" to the answer) and, when it has a usable rationale, its rationale example
 * ("Explain:" to the rationale). With filtering on, a rationale is usable only when the answer it states is
 * the gold one, which the reference never checks.
 *
 * <p>Every method thus has one group per private example, so for one seed the trainer visits the same
 * labels at the same steps whatever the method and however many rationales survived (Standalone's groups
 * hold the label alone). A batch's loss is alpha * L_rationale + (1 - alpha) * L_label, each the mean over
 * the batch's tokens of its task ({@code TaskWeights.fedCot}); an example without a rationale adds its
 * label tokens to L_label as every other example does, and nothing to L_rationale.
 */
public final class TaskExamples {
    private TaskExamples() {}

    /**
     * The examples of {@code examples}; {@code rationales} (id to rationale) may be null (Standalone).
     *
     * @param filter keep only rationales that state the gold answer
     */
    public static List<ExampleGroup> build(
            List<QaExample> examples, Map<String, String> rationales, boolean filter, ExampleEncoder encoder) {
        List<ExampleGroup> out = new ArrayList<>();
        for (QaExample e : examples) {
            List<Example> group = new ArrayList<>(2);
            group.add(encoder.encode(
                    e.id() + ":label", TaskPrompts.predict(e), TaskPrompts.answer(e), TaskWeights.LABEL));
            String r = rationales == null ? null : rationales.get(e.id());
            if (usable(r, e, filter)) {
                group.add(encoder.encode(
                        e.id() + ":rationale",
                        TaskPrompts.explain(e),
                        r.strip() + QuestionText.END,
                        TaskWeights.RATIONALE));
            }
            out.add(new ExampleGroup(group));
        }
        return out;
    }

    /** Whether rationale {@code r} of {@code e} (null: none) is trained on. */
    static boolean usable(String r, QaExample e, boolean filter) {
        return r != null && !r.isBlank() && (!filter || statesGold(r, e));
    }

    /** Whether {@code rationale} ends by stating {@code e}'s gold answer. */
    static boolean statesGold(String rationale, QaExample e) {
        return AnswerParser.parse(rationale)
                .map(s -> s.choiceIndex(e.choices()))
                .filter(i -> i.isPresent() && i.getAsInt() == e.answerIndex())
                .isPresent();
    }
}
