package org.fedcot.llm.client;

/**
 * A text completion: the server continues {@code prompt}.
 *
 * @param prompt   the text to continue
 * @param sampling the sampling parameters
 */
public record CompletionRequest(String prompt, Sampling sampling) implements LlmRequest {
    public CompletionRequest {
        if (prompt == null) {
            throw new IllegalArgumentException("completion request without a prompt");
        }
        if (sampling == null) {
            sampling = Sampling.DEFAULT;
        }
    }

    /** {@code prompt} with the server's default sampling. */
    public CompletionRequest(String prompt) {
        this(prompt, Sampling.DEFAULT);
    }
}
