package org.fedcot.eval.data;

import java.util.List;

/**
 * The Distilling step-by-step JSON-lines format (its CQA files, and TinyLLM's OBQA copies in the same
 * shape): {@code id}, {@code question}, {@code choices: [...]} and {@code answer}, the gold choice's text.
 * Extra fields (CQA's {@code abstractive_explanation}, {@code extractive_explanation}) are ignored.
 */
final class StepByStepParser implements RecordParser {

    @Override
    public QaExample parse(JsonRecord r) throws MalformedDataException {
        String question = r.text("question");
        List<String> choices = r.textList("choices");
        if (choices.size() < 2) {
            throw r.malformed("choices", "has " + choices.size() + " choices, fewer than 2");
        }
        String answer = r.text("answer");
        // A few CQA questions repeat a choice; the first copy stands for the gold answer.
        int index = choices.indexOf(answer);
        if (index < 0) {
            throw r.malformed("answer", "\"" + answer + "\" is not among the choices " + choices);
        }
        return new QaExample(r.optionalText("id").orElse(r.defaultId()), question, null, choices, index);
    }
}
