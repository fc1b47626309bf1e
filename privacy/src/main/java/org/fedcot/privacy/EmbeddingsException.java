package org.fedcot.privacy;

import java.io.IOException;

/** An embeddings source that cannot be used: the message names the file and what is wrong with it. */
public final class EmbeddingsException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}, which names the file. */
    public EmbeddingsException(String message) {
        super(message);
    }

    /** An exception with {@code message}, which names the file, caused by {@code cause}. */
    public EmbeddingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
