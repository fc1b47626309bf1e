package org.fedcot.eval.rationale;

import java.util.List;
import org.fedcot.llm.prompt.AnswerParser;

/** How a teacher's output file wraps the rationale worth keeping. */
public enum TeacherFormat {
    /** PaLM few-shot chain of thought (Distilling step-by-step's CQA files): cut the runaway "\n\nQ:" exemplar. */
    PALM(List.of()),
    /**
     * TinyLLM's OBQA files: a Flan-T5 rationale, the runaway exemplar, then " llama rationale: " and a
     * LLaMA-2 one; the first rationale is kept, cut at whichever of the two comes first.
     */
    TINYLLM(List.of("llama rationale:"));

    private final List<String> laterTexts;

    TeacherFormat(List<String> laterTexts) {
        this.laterTexts = laterTexts;
    }

    /** The rationale to judge and keep from one raw teacher output, stripped of surrounding white space. */
    public String firstRationale(String raw) {
        String s = AnswerParser.cutRunaway(raw);
        for (String later : laterTexts) {
            int at = s.indexOf(later);
            if (at >= 0) {
                s = s.substring(0, at);
            }
        }
        return s.strip();
    }
}
