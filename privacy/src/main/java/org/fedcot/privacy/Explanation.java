package org.fedcot.privacy;

import java.util.List;

/**
 * The teaching view of one word: the outputs the mechanism may give for it, most likely first.
 *
 * @param unit    the word (or token's word) as it stands in the text
 * @param outputs how many outputs have positive probability
 * @param top     the most likely of them, with their probabilities
 */
public record Explanation(String unit, int outputs, List<Choice> top) {
    /**
     * One possible output.
     *
     * @param text        the output word
     * @param probability its probability
     */
    public record Choice(String text, double probability) {}
}
