package org.fedcot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The command line's contract: exit codes, one-line errors, and the demo actually learning. */
class MainTest {
    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void helpListsTheCommands() {
        CliRun r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("demo") && r.out().contains("bench"), r.out());
    }

    @Test
    void anUnknownFlagIsAUsageError() {
        CliRun r = run("demo", "--no-such-flag");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--no-such-flag"), r.err());
    }

    @Test
    void aBadValueGivesOneLineAndNoStackTrace() {
        CliRun r = run("demo", "--steps", "0");
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("fedcot: ") && r.err().contains("--steps"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void theDemoLearnsWellAboveChance() {
        CliRun r = run("demo", "--steps", "250", "--digits", "4", "--eval", "100");
        assertEquals(0, r.code(), r.err());
        String line = r.out().lines().filter(l -> l.startsWith("held-out")).findFirst().orElseThrow();
        double digitAccuracy = Double.parseDouble(line.replaceAll(".*digit accuracy ([0-9.]+)%.*", "$1"));
        assertTrue(digitAccuracy > 50, "a 4-digit reversal after 250 steps should be far above the 10% chance: " + line);
    }
}
