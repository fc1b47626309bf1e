package org.fedcot.pipeline.method;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fedcot.eval.data.QaExample;
import org.fedcot.llm.prompt.AnswerParser;
import org.fedcot.models.train.Example;
import org.fedcot.models.train.TaskWeights;
import org.fedcot.pipeline.prompt.QuestionText;
import org.fedcot.pipeline.prompt.TaskPrompts;
import org.fedcot.pipeline.slm.ExampleEncoder;

/**
 * The task SLM's training set (step 5): a label example per private example ("Predict:" to the answer),
 * and a rationale example ("Explain:" to the rationale) per usable rationale. With filtering on, a rationale
 * is usable only when the answer it states is the gold one, which the reference never checks.
 */
public final class TaskExamples {
    private TaskExamples() {
    }

    /**
     * The examples of {@code examples}; {@code rationales} (id to rationale) may be null (Standalone).
     *
     * @param filter keep only rationales that state the gold answer
     */
    public static List<Example> build(List<QaExample> examples, Map<String, String> rationales, boolean filter,
                                      ExampleEncoder encoder) {
        List<Example> out = new ArrayList<>();
        for (QaExample e : examples) {
            out.add(encoder.encode(e.id() + ":label", TaskPrompts.predict(e), TaskPrompts.answer(e), TaskWeights.LABEL));
            String r = rationales == null ? null : rationales.get(e.id());
            if (usable(r, e, filter)) {
                out.add(encoder.encode(e.id() + ":rationale", TaskPrompts.explain(e), r.strip() + QuestionText.END,
                        TaskWeights.RATIONALE));
            }
        }
        return out;
    }

    /** Whether rationale {@code r} of {@code e} (null: none) is trained on. */
    static boolean usable(String r, QaExample e, boolean filter) {
        return r != null && !r.isBlank() && (!filter || statesGold(r, e));
    }

    /** Whether {@code rationale} ends by stating {@code e}'s gold answer. */
    static boolean statesGold(String rationale, QaExample e) {
        return AnswerParser.parse(rationale).map(s -> s.choiceIndex(e.choices()))
                .filter(i -> i.isPresent() && i.getAsInt() == e.answerIndex()).isPresent();
    }
}
