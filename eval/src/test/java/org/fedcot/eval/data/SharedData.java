package org.fedcot.eval.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of ../shared/data, the real datasets beside the project, found through the {@code fedcot.shared}
 * system property that surefire sets; a test needing one that is absent is skipped.
 */
public final class SharedData {

    private SharedData() {
    }

    /** The file or folder at {@code relative} under shared/data, e.g. "cqa/cqa_train.json". */
    public static Path path(String relative) {
        String root = System.getProperty("fedcot.shared");
        assumeTrue(root != null, "system property fedcot.shared is not set");
        Path path = Path.of(root, "data").resolve(relative);
        assumeTrue(Files.exists(path), path + " is missing");
        return path;
    }
}
