package org.fedcot.llm.client;

/**
 * What to ask the LLM: a prompt to continue ({@link CompletionRequest}, {@code /completions}) or a conversation
 * to answer ({@link ChatRequest}, {@code /chat/completions}). The model comes from the client's configuration.
 */
public sealed interface LlmRequest permits CompletionRequest, ChatRequest {
    /** The sampling parameters sent with the request. */
    Sampling sampling();
}
