package org.fedcot.llm.client;

import java.util.List;

/**
 * A chat completion: the server writes the assistant's next message.
 *
 * @param messages the conversation so far, at least one message
 * @param sampling the sampling parameters
 */
public record ChatRequest(List<ChatMessage> messages, Sampling sampling) implements LlmRequest {
    public ChatRequest {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("chat request without messages");
        }
        if (sampling == null) {
            sampling = Sampling.DEFAULT;
        }
    }

    /** {@code messages} with the server's default sampling. */
    public ChatRequest(List<ChatMessage> messages) {
        this(messages, Sampling.DEFAULT);
    }
}
