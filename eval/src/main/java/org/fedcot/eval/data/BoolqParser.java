package org.fedcot.eval.data;

/**
 * BoolQ as Google released it and as Hugging Face exports it: {@code question}, {@code answer} (a JSON
 * boolean) and, when present, {@code passage}; {@code title} and other fields are ignored.
 */
final class BoolqParser implements RecordParser {

    @Override
    public QaExample parse(JsonRecord r) throws MalformedDataException {
        String question = r.text("question");
        boolean answer = r.bool("answer");
        String passage = r.optionalText("passage").orElse(null);
        return QaExample.yesNo(r.optionalText("id").orElse(r.defaultId()), question, passage, answer);
    }
}
