package org.fedcot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line's contract: exit codes, one-line errors, and the demo actually learning. */
class MainTest {
    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void helpListsTheCommands() {
        Result r = run("--help");
        assertEquals(0, r.code);
        assertTrue(r.out.contains("demo") && r.out.contains("bench"), r.out);
    }

    @Test
    void anUnknownFlagIsAUsageError() {
        Result r = run("demo", "--no-such-flag");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("--no-such-flag"), r.err);
    }

    @Test
    void aBadValueGivesOneLineAndNoStackTrace() {
        Result r = run("demo", "--steps", "0");
        assertEquals(1, r.code);
        assertEquals(1, r.err.strip().lines().count(), r.err);
        assertTrue(r.err.startsWith("fedcot: ") && r.err.contains("--steps"), r.err);
        assertFalse(r.err.contains("\tat "), r.err);
    }

    @Test
    void theDemoLearnsWellAboveChance() {
        Result r = run("demo", "--steps", "250", "--digits", "4", "--eval", "100");
        assertEquals(0, r.code, r.err);
        String line = r.out.lines().filter(l -> l.startsWith("held-out")).findFirst().orElseThrow();
        double digitAccuracy = Double.parseDouble(line.replaceAll(".*digit accuracy ([0-9.]+)%.*", "$1"));
        assertTrue(digitAccuracy > 50, "a 4-digit reversal after 250 steps should be far above the 10% chance: " + line);
    }
}
