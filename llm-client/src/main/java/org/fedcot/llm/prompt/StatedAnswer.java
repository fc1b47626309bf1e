package org.fedcot.llm.prompt;

import java.util.List;
import java.util.OptionalInt;

/**
 * The answer a rationale states, as written: an option letter when it names one ("(c)") and the answer
 * text ("train station", "yes", "true").
 *
 * @param letter lower-case option letter, or {@code null} when the rationale states text only
 * @param text   the stated answer text without surrounding quotes or final punctuation; may be empty
 */
public record StatedAnswer(String letter, String text) {

    /**
     * The index of the stated answer among {@code choices}: the letter when it names one of them,
     * otherwise the choice whose normalised text equals the stated text ("true"/"false" standing for
     * "yes"/"no", as BoolQ teachers answer).
     */
    public OptionalInt choiceIndex(List<String> choices) {
        if (letter != null) {
            int i = letter.charAt(0) - 'a';
            if (i >= 0 && i < choices.size()) {
                return OptionalInt.of(i);
            }
        }
        String stated =
                switch (AnswerParser.normalize(text)) {
                    case "true" -> "yes";
                    case "false" -> "no";
                    case String other -> other;
                };
        for (int i = 0; i < choices.size(); i++) {
            if (!stated.isEmpty() && AnswerParser.normalize(choices.get(i)).equals(stated)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }
}
