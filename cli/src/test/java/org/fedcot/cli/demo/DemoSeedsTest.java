package org.fedcot.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedcot.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fedcot demo --seeds N}: seeds 1 to N, each a whole run in seed-S/, and the printed tables carry the
 * statistics over them (Tables 2, 4, 5, 6, 7); a bad count, or seeds named twice, is one line.
 */
class DemoSeedsTest {
    @TempDir
    Path dir;

    @Test
    void twoSeedsRunInTheirOwnDirectoriesAndThePrintedTablesSayso() {
        Path run = dir.resolve("run");
        CliRun done = CliRun.of(
                "demo",
                "--seeds",
                "2",
                "--cache",
                dir.resolve("cache").toString(),
                "--run-dir",
                run.toString(),
                "--train",
                "12",
                "--test",
                "6",
                "--teacher-steps",
                "3",
                "--slm-steps",
                "3",
                "--set",
                "train.steps=2",
                "--set",
                "train.encoderSteps=2",
                "--set",
                "generation.rationaleTokens=8",
                "--set",
                "generation.encodedTokens=8",
                "--set",
                "llm.maxTokens=8",
                "--set",
                "eval.mode=gen",
                "--set",
                "ablations.epsilons=[1]",
                "--set",
                "methods=[standalone, non-private, fedcot-e]");
        assertEquals(0, done.code(), done.err());
        for (String seed : List.of("seed-1", "seed-2")) {
            assertTrue(Files.isRegularFile(run.resolve(seed).resolve("results/standalone.json")), seed);
        }
        String out = done.out();
        assertTrue(out.startsWith("Accuracy: mean over 2 seeds (1, 2)"), out);
        for (String table : List.of("## Table 2", "## Table 4", "## Table 5", "## Table 6", "## Table 7")) {
            assertTrue(out.contains(table), table + " missing from\n" + out);
        }
        assertTrue(out.contains("| FedCoT-E w/o decoding (ε=3) |"), out);
    }

    @Test
    void aBadSeedCountOrSeedsNamedTwiceIsOneLine() {
        Path run = dir.resolve("run");
        CliRun zero = CliRun.of(
                "demo",
                "--seeds",
                "0",
                "--run-dir",
                run.toString(),
                "--cache",
                dir.resolve("c").toString());
        assertNotEquals(0, zero.code());
        assertEquals("--seeds must be between 1 and 100, got 0", zero.message());
        CliRun twice = CliRun.of(
                "demo",
                "--seeds",
                "2",
                "--set",
                "seeds=[4]",
                "--run-dir",
                run.toString(),
                "--cache",
                dir.resolve("c").toString());
        assertNotEquals(0, twice.code());
        assertEquals("--seeds and --set seeds=... both name the seeds: give one of them", twice.message());
        assertTrue(Files.notExists(dir.resolve("c")) && Files.notExists(run), "nothing was made");
    }
}
