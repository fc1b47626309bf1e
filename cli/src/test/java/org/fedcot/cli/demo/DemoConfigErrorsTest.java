package org.fedcot.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.fedcot.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fedcot demo --set} mistakes are refused in one line before the demo trains anything: the cache
 * its models would be trained into stays empty.
 */
class DemoConfigErrorsTest {
    @TempDir
    Path dir;

    /** The one-line error of {@code fedcot demo --set set}; the cache is checked to stay empty. */
    private String error(String set) throws IOException {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        CliRun run = CliRun.of(
                "demo",
                "--cache",
                cache.toString(),
                "--run-dir",
                dir.resolve("run").toString(),
                "--set",
                set);
        assertEquals(1, run.code(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        try (Stream<Path> trained = Files.list(cache)) {
            assertEquals(0, trained.count(), "the demo trained before refusing its config");
        }
        return run.message();
    }

    @Test
    void unknownField() throws IOException {
        assertEquals("--set: unknown field 'bogus' in the top level", error("bogus.field=1"));
    }

    @Test
    void wrongType() throws IOException {
        assertEquals("--set train.steps=2.5: train.steps: must be a whole number, got 2.5", error("train.steps=2.5"));
    }

    @Test
    void outOfRange() throws IOException {
        assertEquals(
                dir.resolve("run/demo.yaml") + ": generation.answerTokens: must be at least 1, got 0",
                error("generation.answerTokens=0"));
    }
}
