package org.fedcot.llm.client;

import java.util.List;

/**
 * The answer to one request.
 *
 * @param model   the model the server says answered
 * @param choices the generated alternatives in index order, at least one
 * @param usage   the tokens the server counted for this response
 * @param cached  whether this call did not pay for it: it came from the cache or from an identical request
 *                that was in flight at the same time
 */
public record LlmResponse(String model, List<Choice> choices, Usage usage, boolean cached) {
    public LlmResponse {
        choices = List.copyOf(choices);
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("a response needs at least one choice");
        }
    }

    /** The first alternative's text, the whole answer when {@code n} is 1. */
    public String text() {
        return choices.getFirst().text();
    }

    /** The same response marked as {@code cached}. */
    LlmResponse asCached() {
        return cached ? this : new LlmResponse(model, choices, usage, true);
    }
}
