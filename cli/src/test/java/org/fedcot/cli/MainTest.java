package org.fedcot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's contract: exit codes and one-line errors. */
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
    void everyCommandsHelpRendersCleanly() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new Main()), new ArrayList<>(), paths);
        assertTrue(paths.size() > 15, "found " + paths);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRun r = run(args.toArray(String[]::new));
            assertEquals(0, r.code(), path + ": " + r.err());
            assertFalse(r.err().contains("WARN"), path + " help warns: " + r.err());
            assertTrue(r.out().startsWith("Usage: fedcot"), path + ": " + r.out());
        }
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> out) {
        command.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help")) {
                return;
            }
            List<String> here = new ArrayList<>(path);
            here.add(name);
            out.add(here);
            collect(sub, here, out);
        });
    }

    @Test
    void anUnknownFlagIsAUsageError() {
        CliRun r = run("demo", "--no-such-flag");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--no-such-flag"), r.err());
    }

    @Test
    void aBadValueGivesOneLineAndNoStackTrace() {
        CliRun r = run("demo", "--test", "0");
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("fedcot: ") && r.err().contains("--test"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
