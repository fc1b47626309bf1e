package org.fedcot.eval.data;

import java.util.List;

/**
 * Hugging Face exports of multiple-choice sets: commonsense_qa and ai2_arc ({@code question}) and
 * openbookqa ({@code question_stem}), with {@code choices: {text: [...], label: [...]}} and an
 * {@code answerKey} that is one of the labels (letters, or digits in part of ARC).
 */
final class HfChoicesParser implements RecordParser {

    @Override
    public QaExample parse(JsonRecord r) throws MalformedDataException {
        String question = r.has("question_stem") ? r.text("question_stem") : r.text("question");
        List<String> texts = r.textList("choices.text");
        List<String> labels = r.textList("choices.label");
        if (labels.size() != texts.size()) {
            throw r.malformed("choices.label", "has " + labels.size() + " labels for " + texts.size() + " texts");
        }
        if (texts.size() < 2) {
            throw r.malformed("choices.text", "has " + texts.size() + " choices, fewer than 2");
        }
        String key = r.text("answerKey");
        int answer = labels.indexOf(key);
        if (answer < 0) {
            throw r.malformed("answerKey", "'" + key + "' is not among the choices' labels " + labels);
        }
        return new QaExample(r.optionalText("id").orElse(r.defaultId()), question, null, texts, answer);
    }
}
