package org.fedcot.pipeline.prompt;

import org.fedcot.eval.data.QaExample;

/**
 * The task SLM's two prompts (Distilling step-by-step's multi-task layout, as the reference writes it):
 * "Predict:" asks for the answer, "Explain:" for the rationale; the loss is on the targets only.
 */
public final class TaskPrompts {
    private TaskPrompts() {}

    /** The label task's prompt, also the evaluation prompt. */
    public static String predict(QaExample e) {
        return "Predict:\nQuestion:" + QuestionText.of(e) + "Answer:\n";
    }

    /** The rationale task's prompt. */
    public static String explain(QaExample e) {
        return "Explain:\nQuestion:" + QuestionText.of(e) + "Rationale:\n";
    }

    /** The label task's target: the gold answer's text. */
    public static String answer(QaExample e) {
        return e.answerText() + QuestionText.END;
    }

    /** The 1-shot prompt of FewShot-LLM and FewShot-SLM: one solved {@code shot}, then {@code e}. */
    public static String oneShot(QaExample shot, QaExample e) {
        return predict(shot) + answer(shot) + "\n\n" + predict(e);
    }
}
