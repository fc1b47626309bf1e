package org.fedcot.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedcot.eval.report.ResultJson;
import org.fedcot.eval.report.ResultTable;
import org.fedcot.pipeline.Method;
import org.fedcot.pipeline.config.ConfigException;
import org.fedcot.pipeline.method.VariantResult;
import org.fedcot.pipeline.run.RunDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several finished runs, one per dataset, merged into one set of tables; a bad directory is one line. */
class RunsReportTest {
    @TempDir
    Path dir;

    /** A run directory on {@code dataset} planning Standalone and FedCoT-E, with {@code results} finished. */
    private Path run(String name, String dataset, VariantResult... results) throws IOException {
        RunDir run = new RunDir(dir.resolve(name));
        Files.createDirectories(run.root());
        Files.writeString(run.config(), """
                {"task": {"dataset": "%s"}, "methods": ["standalone", "fedcot-e"], "privacy": {"epsilon": 3.0}}
                """.formatted(dataset));
        for (VariantResult r : results) {
            r.write(run.result(r.variant().id()));
        }
        return run.root();
    }

    @Test
    void runsOnTwoDatasetsFillTwoColumns() throws IOException {
        Path cqa = run("cqa-run", "cqa", Results.of(Method.STANDALONE, null, 5), Results.of(Method.FEDCOT_E, 3.0, 6));
        Path obqa =
                run("obqa-run", "obqa", Results.of(Method.STANDALONE, null, 2), Results.of(Method.FEDCOT_E, 3.0, 9));
        Path md = RunsReport.write(List.of(cqa, obqa), dir.resolve("out"));
        ResultTable table2 = ResultJson.read(dir.resolve("out/table2/results.json"));
        assertEquals(List.of("cqa", "obqa"), table2.datasets());
        assertEquals(
                9, table2.find("FedCoT-E", 3.0, "obqa").orElseThrow().accuracy().correct());
        String text = Files.readString(md);
        assertTrue(text.startsWith("# FedCoT results: cqa, obqa"), text);
        assertTrue(text.contains("| FedCoT-E | 3 | obqa | 10 | 7 (70.0%) | 7 |"), text);
        assertTrue(Files.exists(dir.resolve("out/table2/accuracy.png")));
    }

    @Test
    void aBadRunDirectoryIsOneLine() throws IOException {
        Path cqa = run("cqa-run", "cqa", Results.of(Method.STANDALONE, null, 5), Results.of(Method.FEDCOT_E, 3.0, 6));
        Path unfinished = run("obqa-run", "obqa", Results.of(Method.STANDALONE, null, 2));
        Path again =
                run("cqa-again", "cqa", Results.of(Method.STANDALONE, null, 5), Results.of(Method.FEDCOT_E, 3.0, 6));
        Files.createDirectories(dir.resolve("empty"));
        Path out = dir.resolve("out");
        assertEquals(dir.resolve("nope") + ": no such run directory", error(List.of(cqa, dir.resolve("nope")), out));
        assertEquals(
                dir.resolve("empty") + ": not a run directory (no config.json)",
                error(List.of(dir.resolve("empty")), out));
        assertEquals(
                unfinished + ": unfinished run, 1 of 2 variants done (missing fedcot-e-eps3); finish it with"
                        + " fedcot run",
                error(List.of(cqa, unfinished), out));
        assertEquals(
                cqa + " and " + again + " are both runs on cqa: give one run per dataset",
                error(List.of(cqa, again), out));
        assertTrue(Files.notExists(out));
    }

    private static String error(List<Path> runs, Path out) {
        String message = assertThrows(ConfigException.class, () -> RunsReport.write(runs, out))
                .getMessage();
        assertEquals(1, message.lines().count(), message);
        return message;
    }
}
