package org.fedcot.eval.score;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.fedcot.llm.prompt.AnswerParser;
import org.fedcot.llm.prompt.StatedAnswer;

/**
 * Which choice a generated answer names, by exact match after normalisation as Distilling step-by-step
 * compares answers ({@link AnswerParser#normalize}: lower case, punctuation removed, spaces collapsed):
 * <ol>
 * <li>the last "the answer is ..." statement ({@link AnswerParser#parse}), by its option letter or its
 *     text ({@link StatedAnswer#choiceIndex});</li>
 * <li>otherwise the whole output (runaway "\n\nQ:" text cut), equal to a choice's text or naming an
 *     option letter alone ("c", "(c)").</li>
 * </ol>
 * For yes/no questions (choices "no" and "yes", as BoolQ's) "true" and "false" count as "yes" and "no".
 */
public final class AnswerMatcher {
    private AnswerMatcher() {}

    /** The index in {@code choices} of the answer {@code generated} gives, or -1 when it names none. */
    public static int match(String generated, List<String> choices) {
        String text = AnswerParser.cutRunaway(generated);
        Optional<StatedAnswer> stated = AnswerParser.parse(text);
        if (stated.isPresent()) {
            OptionalInt i = stated.get().choiceIndex(choices);
            if (i.isPresent()) {
                return i.getAsInt();
            }
            int yesNo = yesNo(AnswerParser.normalize(stated.get().text()), choices);
            if (yesNo >= 0) {
                return yesNo;
            }
        }
        String whole = AnswerParser.normalize(text);
        for (int i = 0; i < choices.size(); i++) {
            if (!whole.isEmpty() && AnswerParser.normalize(choices.get(i)).equals(whole)) {
                return i;
            }
        }
        if (whole.length() == 1) {
            int letter = whole.charAt(0) - 'a';
            if (letter >= 0 && letter < choices.size()) {
                return letter;
            }
        }
        return yesNo(whole, choices);
    }

    /** The index of "yes" for "true", of "no" for "false", when the choices are yes and no; else -1. */
    private static int yesNo(String normalized, List<String> choices) {
        String meant =
                switch (normalized) {
                    case "true" -> "yes";
                    case "false" -> "no";
                    default -> null;
                };
        if (meant == null || choices.size() != 2) {
            return -1;
        }
        for (int i = 0; i < 2; i++) {
            if (AnswerParser.normalize(choices.get(i)).equals(meant)) {
                return i;
            }
        }
        return -1;
    }
}
