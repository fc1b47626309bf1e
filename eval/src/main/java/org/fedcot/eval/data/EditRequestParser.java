package org.fedcot.eval.data;

/**
 * BoolQ without passages as knowledge-editing requests (heddayam/kb-model-editing):
 * {@code subject} is the question, {@code target_new.str} is "True" or "False".
 */
final class EditRequestParser implements RecordParser {

    @Override
    public QaExample parse(JsonRecord r) throws MalformedDataException {
        String question = r.text("subject");
        boolean answer = r.truthText("target_new.str");
        return QaExample.yesNo(r.defaultId(), question, null, answer);
    }
}
