package org.fedcot.models.generate;

import java.util.List;
import java.util.Set;

/**
 * When a generation stops.
 *
 * @param maxNewTokens the most tokens to generate (0 generates nothing)
 * @param stopIds      tokens that end the generation when drawn (usually the EOS ids); not kept
 * @param stopStrings  texts that end the generation when they appear in the generated text; the
 *                     text is cut at the first occurrence of any of them
 */
public record GenerationOptions(int maxNewTokens, Set<Integer> stopIds, List<String> stopStrings) {
    /** Checks maxNewTokens >= 0 and that no stop string is empty; copies the collections. */
    public GenerationOptions {
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException("maxNewTokens must be >= 0, got " + maxNewTokens);
        }
        stopIds = Set.copyOf(stopIds);
        stopStrings = List.copyOf(stopStrings);
        if (stopStrings.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("a stop string must not be empty");
        }
    }

    /** Up to {@code maxNewTokens} tokens, stopping early at any of {@code stopIds}. */
    public static GenerationOptions of(int maxNewTokens, Set<Integer> stopIds) {
        return new GenerationOptions(maxNewTokens, stopIds, List.of());
    }
}
