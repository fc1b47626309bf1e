package org.fedcot.llm.client;

/**
 * One message of a chat conversation.
 *
 * @param role    "system", "user" or "assistant"
 * @param content the message text
 */
public record ChatMessage(String role, String content) {
    public ChatMessage {
        if (role == null || role.isBlank()) {
            throw new IllegalArgumentException("chat message without a role");
        }
        if (content == null) {
            throw new IllegalArgumentException("chat message (" + role + ") without content");
        }
    }

    /** A system message. */
    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    /** A user message. */
    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    /** An assistant message (a few-shot answer, or the start of the reply). */
    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }
}
