package org.fedcot.eval.rationale;

import org.fedcot.llm.prompt.StatedAnswer;

/**
 * One teacher rationale for one question, judged against the gold answer.
 *
 * @param exampleId the question's {@code QaExample.id()}
 * @param text      the rationale kept from the teacher's output (runaway text cut), answer statement included
 * @param stated    the answer it states, or {@code null} when it states none
 * @param verdict   kept, or why it is dropped
 */
public record Rationale(String exampleId, String text, StatedAnswer stated, Verdict verdict) {

    /** Whether the rationale states the gold answer and so is kept for distillation. */
    public boolean kept() {
        return verdict == Verdict.KEPT;
    }
}
