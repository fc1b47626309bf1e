package org.fedcot.llm.client;

/**
 * One generated alternative of a response (there are {@code n} of them).
 *
 * @param index        the server's index of this alternative
 * @param text         the generated text (a chat reply's content; empty when the server sent none)
 * @param finishReason why generation stopped ("stop", "length", ...), or {@code null} when not reported
 */
public record Choice(int index, String text, String finishReason) {
    public Choice {
        if (text == null) {
            throw new IllegalArgumentException("choice " + index + " has no text");
        }
    }
}
