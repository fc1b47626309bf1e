package org.fedcot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The total over the modules' files, and the line the user reads. */
class ReferenceSkipTotalTest {

    @Test
    void addsUpThisBuildsFilesOnly(@TempDir Path dir) throws IOException {
        ReferenceSkipTotal.write(dir.resolve("fedcot-models.txt"), "20261204-141613.123", 40);
        ReferenceSkipTotal.write(dir.resolve("fedcot-cli.txt"), "20261204-141613.123", 17);
        // a module that did not run in this build: its file is from an older one
        ReferenceSkipTotal.write(dir.resolve("fedcot-eval.txt"), "20261203-090000.000", 9);
        assertEquals(OptionalInt.of(57), ReferenceSkipTotal.total(dir, "20261204-141613.123"));
    }

    @Test
    void nothingWhenNoModuleRanTests(@TempDir Path dir) throws IOException {
        assertEquals(OptionalInt.empty(), ReferenceSkipTotal.total(dir.resolve("absent"), "b"));
        ReferenceSkipTotal.write(dir.resolve("fedcot-models.txt"), "older", 3);
        assertEquals(OptionalInt.empty(), ReferenceSkipTotal.total(dir, "b"));
    }

    @Test
    void aRunWithEveryFileSaysSo(@TempDir Path dir) throws IOException {
        ReferenceSkipTotal.write(dir.resolve("fedcot-models.txt"), "b", 0);
        assertEquals(OptionalInt.of(0), ReferenceSkipTotal.total(dir, "b"));
        assertEquals(
                "Reference files: 0 tests skipped, every file the tests need is in ../shared",
                ReferenceSkipTotal.line(0));
    }

    @Test
    void theLineNamesTheCountAndWhereToLook() {
        assertEquals(
                "Reference files: 57 tests skipped because files of ../shared are missing"
                        + " (see README.md, \"Reference files\")",
                ReferenceSkipTotal.line(57));
        assertEquals(
                "Reference files: 1 test skipped because files of ../shared are missing"
                        + " (see README.md, \"Reference files\")",
                ReferenceSkipTotal.line(1));
    }
}
