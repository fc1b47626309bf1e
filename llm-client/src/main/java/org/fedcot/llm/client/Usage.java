package org.fedcot.llm.client;

/**
 * Token counts the server reports for one response, or summed over several.
 *
 * @param promptTokens     tokens of the prompt (or messages)
 * @param completionTokens tokens generated
 * @param totalTokens      the server's total, normally the sum of the two
 */
public record Usage(long promptTokens, long completionTokens, long totalTokens) {
    /** No tokens: the start of a sum, and the usage of a response whose server reports none. */
    public static final Usage ZERO = new Usage(0, 0, 0);

    public Usage {
        if (promptTokens < 0 || completionTokens < 0 || totalTokens < 0) {
            throw new IllegalArgumentException(
                    "negative token count in usage " + promptTokens + "/" + completionTokens + "/" + totalTokens);
        }
    }

    /** The element-wise sum of this and {@code other}. */
    public Usage plus(Usage other) {
        return new Usage(
                promptTokens + other.promptTokens,
                completionTokens + other.completionTokens,
                totalTokens + other.totalTokens);
    }
}
