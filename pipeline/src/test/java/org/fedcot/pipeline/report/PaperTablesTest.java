package org.fedcot.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedcot.eval.report.MethodLine;
import org.fedcot.eval.report.ResultJson;
import org.fedcot.eval.report.ResultRow;
import org.fedcot.pipeline.Method;
import org.fedcot.pipeline.method.RationaleCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which variants each table shows, the rationale counts, and a table per measured metric. */
class PaperTablesTest {
    @TempDir
    Path dir;

    @Test
    void table2HoldsOnlyFedCotEToTheConfiguredEpsilon() throws IOException {
        RunResults run = Results.oneSeed(
                "cqa",
                3,
                List.of(
                        Results.of(Method.STANDALONE, null, 5),
                        Results.of(Method.FEDCOT_E, 3.0, 6),
                        Results.of(Method.FEDCOT_A, 1.0, 7),
                        Results.of(Method.FEDCOT_E, 1.0, 4)));
        PaperTables.write(List.of(run), dir);
        List<MethodLine> lines = ResultJson.read(dir.resolve("table2/results.json")).rows().stream()
                .map(ResultRow::line)
                .toList();
        assertEquals(
                List.of(
                        new MethodLine("Standalone", null),
                        new MethodLine("FedCoT-E", 3.0),
                        new MethodLine("FedCoT-A", 1.0)),
                lines);
    }

    @Test
    void rationaleCountsAreATableOfTheReport() throws IOException {
        RunResults run = Results.oneSeed(
                "cqa", 3, List.of(Results.of(Method.STANDALONE, null, 5), Results.of(Method.FEDCOT_E, 3.0, 6)));
        String md = Files.readString(PaperTables.write(List.of(run), dir));
        assertTrue(md.contains("## Rationales trained on"), md);
        assertTrue(md.contains("| FedCoT-E | 3 | cqa | 10 | 7 (70.0%) | 7 |"), md);
        assertFalse(md.contains("| Standalone | –"), md);
    }

    @Test
    void rationaleMessageSaysWhatTheFilterKept() {
        assertEquals(
                "FedCoT-E eps=3: 742 of 980 rationales state the gold answer (kept)",
                new RationaleCounts(980, 742, 742).message("FedCoT-E eps=3"));
        assertEquals(
                "Non-Private: 742 of 980 rationales state the gold answer (all 980 kept: filterRationales is off)",
                new RationaleCounts(980, 742, 980).message("Non-Private"));
    }

    @Test
    void eachMeasuredMetricGetsItsOwnTables() throws IOException {
        RunResults run = Results.oneSeed(
                "cqa",
                3,
                List.of(
                        Results.withChoices(Method.STANDALONE, null, 5),
                        Results.withChoices(Method.FEDCOT_E, 3.0, 6),
                        Results.of(Method.FEWSHOT_LLM, null, 8)));
        String md = Files.readString(PaperTables.write(List.of(run), dir));
        for (String caption :
                List.of("generated answer, exact match", "multiple choice, acc", "multiple choice, acc_norm")) {
            assertTrue(md.contains("Table 2: accuracy of every method (" + caption + ")"), md);
        }
        List<ResultRow> mc =
                ResultJson.read(dir.resolve("table2-mc-norm/results.json")).rows();
        assertEquals(
                List.of("Standalone", "FedCoT-E"),
                mc.stream().map(ResultRow::method).toList());
        assertEquals(4, mc.getFirst().accuracy().correct());
        assertTrue(Files.exists(dir.resolve("table2-mc/accuracy.png")));
        assertEquals(3, ResultJson.read(dir.resolve("results.json")).rows().size());
        assertEquals(2, ResultJson.read(dir.resolve("results-mc.json")).rows().size());
    }
}
