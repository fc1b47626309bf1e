package org.fedcot.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reference files in the shared folder beside the project (../shared: real data sets, tokenizers, a llama2.c
 * checkpoint and its outputs), found through the {@code fedcot.shared} system property that surefire sets. A test
 * that needs one that is absent is skipped, and its reason names the file; README.md says where each comes from.
 */
public final class SharedFiles {
    /** How every skip for a missing reference file begins, so the skips can be counted. */
    public static final String MISSING = "reference file missing: ";

    private SharedFiles() {}

    /** The shared file or folder at {@code relative}, e.g. "models/stories260K/tok512.bin"; skips the test without it. */
    public static Path path(String relative) {
        String root = System.getProperty("fedcot.shared", "../shared");
        Path path = Path.of(root).resolve(relative);
        assumeTrue(Files.exists(path), () -> MISSING + "../shared/" + relative);
        return path;
    }

    /** Whether the shared file or folder at {@code relative} is there (for tests that choose between two sources). */
    public static boolean present(String relative) {
        return Files.exists(
                Path.of(System.getProperty("fedcot.shared", "../shared")).resolve(relative));
    }
}
