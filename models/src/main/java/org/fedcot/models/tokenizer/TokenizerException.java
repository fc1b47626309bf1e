package org.fedcot.models.tokenizer;

import java.io.IOException;
import java.nio.file.Path;

/** A tokenizer file that cannot be read or uses something unsupported; the message names the file. */
public final class TokenizerException extends IOException {
    private static final long serialVersionUID = 1L;

    public TokenizerException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public TokenizerException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
