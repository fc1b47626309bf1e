package org.fedcot.tensor.io;

import java.io.IOException;

/**
 * A safetensors file that cannot be read as asked: malformed or truncated, missing a tensor, or
 * holding a tensor of another shape or dtype than the caller expects. Messages name the file and,
 * where one is involved, the tensor.
 */
public final class SafetensorsException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}, which should already name the file. */
    public SafetensorsException(String message) {
        super(message);
    }
}
