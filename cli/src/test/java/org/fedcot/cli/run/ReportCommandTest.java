package org.fedcot.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fedcot.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fedcot report}'s mistakes reach the user as one line and write nothing (the merging is tested in pipeline). */
class ReportCommandTest {
    @Test
    void aMissingOrForeignRunDirectoryIsOneLine(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        Path out = dir.resolve("out");
        CliRun missing = CliRun.command("report", "--runs", dir.resolve("nope").toString(), "--out", out.toString());
        assertEquals(1, missing.code());
        assertEquals(dir.resolve("nope") + ": no such run directory", missing.message());
        CliRun foreign = CliRun.command("report", "--runs", dir.resolve("empty").toString(), "--out", out.toString());
        assertEquals(dir.resolve("empty") + ": not a run directory (no config.json)", foreign.message());
        assertTrue(Files.notExists(out));
    }

    @Test
    void runsAndOutAreRequired() {
        CliRun r = CliRun.command("report", "--out", "x");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--runs"), r.err());
    }
}
