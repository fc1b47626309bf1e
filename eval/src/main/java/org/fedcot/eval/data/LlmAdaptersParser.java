package org.fedcot.eval.data;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BoolQ in the LLM-Adapters instruction format (a JSON list, as FedLS ships it): the question sits in
 * {@code instruction} after "question: ", the gold answer in {@code answer} ("true"/"false");
 * {@code input} and {@code output} ("the correct answer is true") are ignored.
 */
final class LlmAdaptersParser implements RecordParser {

    /** The template appends "?" and "\n\nAnswer format: true/false" to BoolQ's question, which has no "?". */
    private static final Pattern QUESTION =
            Pattern.compile("(?s)question:\\s*(.*?)\\??\\s*(?:\\n\\s*Answer format:.*)?");

    @Override
    public QaExample parse(JsonRecord r) throws MalformedDataException {
        String instruction = r.text("instruction");
        int at = instruction.indexOf("question:");
        Matcher m = at < 0 ? null : QUESTION.matcher(instruction.substring(at));
        if (m == null || !m.matches() || m.group(1).isBlank()) {
            throw r.malformed("instruction", "holds no \"question: ...\"");
        }
        return QaExample.yesNo(r.defaultId(), m.group(1), null, r.truthText("answer"));
    }
}
