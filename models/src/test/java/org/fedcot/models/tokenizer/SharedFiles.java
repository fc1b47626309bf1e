package org.fedcot.models.tokenizer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files in the shared folder beside the project (real tokenizers, data sets), found through the
 * {@code fedcot.shared} system property that surefire sets; a test needing one that is absent is skipped.
 */
public final class SharedFiles {
    private SharedFiles() {
    }

    /** The shared file or folder at {@code relative}, e.g. "models/stories260K/tok512.bin". */
    public static Path path(String relative) {
        String root = System.getProperty("fedcot.shared");
        assumeTrue(root != null, "system property fedcot.shared is not set");
        Path path = Path.of(root).resolve(relative);
        assumeTrue(Files.exists(path), path + " is missing");
        return path;
    }
}
