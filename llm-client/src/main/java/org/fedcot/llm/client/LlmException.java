package org.fedcot.llm.client;

import java.util.OptionalInt;

/**
 * A request failed for good: the server refused it (400, 401, 404, ...), or it still failed after the retry
 * policy's last attempt. The message is one line naming the URL, the HTTP status or the cause, and the
 * server's own error message; it never contains the API key.
 */
public final class LlmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final int attempts;

    LlmException(String message, int status, int attempts, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.attempts = attempts;
    }

    /** The last HTTP status received, empty when the last attempt got none (connection error, timeout). */
    public OptionalInt status() {
        return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** How many attempts were made; 0 when the wait was interrupted, where the count does not matter. */
    public int attempts() {
        return attempts;
    }

    /** The same failure with {@code context} before its message. */
    LlmException withContext(String context) {
        return new LlmException(context + ": " + getMessage(), status, attempts, this);
    }
}
