package org.fedcot.llm.prompt;

/**
 * A chat template refused a conversation (its {@code raise_exception}) or could not be rendered; the
 * message says which, in one line.
 */
public final class ChatTemplateException extends RuntimeException {
    /** A failure described by {@code message}. */
    public ChatTemplateException(String message) {
        super(message);
    }
}
