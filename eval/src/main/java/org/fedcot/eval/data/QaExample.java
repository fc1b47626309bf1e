package org.fedcot.eval.data;

import java.util.List;

/**
 * One question of a multiple-choice (or yes/no) dataset, in the form every scorer and the pipeline use.
 *
 * @param id          the dataset's id or, when it has none, where the record is ("dev.jsonl:12", "train.json[0]")
 * @param question    the question text
 * @param passage     supporting passage (BoolQ with passages), or {@code null}
 * @param choices     answer options in dataset order; BoolQ is {@code ["no", "yes"]}
 * @param answerIndex index of the gold answer in {@code choices}
 */
public record QaExample(String id, String question, String passage, List<String> choices, int answerIndex) {

    /** The choices of a yes/no question, "no" first so that a true answer has index 1. */
    public static final List<String> YES_NO = List.of("no", "yes");

    public QaExample {
        choices = List.copyOf(choices);
        if (answerIndex < 0 || answerIndex >= choices.size()) {
            throw new IllegalArgumentException(
                    "answer index " + answerIndex + " outside " + choices.size() + " choices");
        }
    }

    /** A yes/no question (BoolQ): choices {@link #YES_NO}, gold "yes" when {@code answer} is true. */
    public static QaExample yesNo(String id, String question, String passage, boolean answer) {
        return new QaExample(id, question, passage, YES_NO, answer ? 1 : 0);
    }

    /** The gold answer's text. */
    public String answerText() {
        return choices.get(answerIndex);
    }

    /** The gold answer's option letter: (a), (b), ... as the chain-of-thought prompts print them. */
    public char answerLetter() {
        return (char) ('a' + answerIndex);
    }
}
