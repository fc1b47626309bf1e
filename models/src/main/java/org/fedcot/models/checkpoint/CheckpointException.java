package org.fedcot.models.checkpoint;

import java.io.IOException;

/**
 * A checkpoint or config.json that cannot be used: unsupported, malformed, truncated, or not matching
 * the model (a missing tensor, a wrong shape). The message names the file and what is wrong.
 */
public final class CheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}, which should already name the file. */
    public CheckpointException(String message) {
        super(message);
    }

    /** An exception with {@code message} (naming the file) caused by {@code cause}. */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
