package org.fedcot.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fedcot.eval.score.Accuracy;
import org.fedcot.eval.score.McNemar;
import org.fedcot.pipeline.Method;
import org.fedcot.pipeline.method.Variant;
import org.fedcot.pipeline.method.VariantResult;
import org.fedcot.pipeline.run.RunDir;
import org.fedcot.pipeline.run.StageLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statistics over seeds: mean and sample sd of the seeds' accuracies, the mean paired difference from
 * Standalone, and McNemar over the per-question pairs of all seeds pooled, read from the saved predictions.
 */
class VariantStatsTest {
    private static final Variant STANDALONE = new Variant(Method.STANDALONE, null, true, 1);
    private static final Variant FEDCOT_E = new Variant(Method.FEDCOT_E, 3.0, true, 1);

    @TempDir
    Path dir;

    @Test
    void meanSpreadAndPooledMcNemarOverTwoSeeds() throws IOException {
        // seed 1: Standalone right on q0-q2, FedCoT-E on q0-q8 (6 gains); seed 2: 2 and 6 (4 gains), no losses
        SeedRun one = seed(1, 3, 9);
        SeedRun two = seed(2, 2, 6);
        RunResults run = new RunResults("cqa", 3, List.of(one, two));
        VariantStats st = VariantStats.of(run, FEDCOT_E.id(), Metric.GENERATED);
        assertEquals(List.of(0.9, 0.6), st.accuracies());
        assertEquals(0.75, st.mean(), 1e-12);
        assertEquals(Math.sqrt(2 * 0.15 * 0.15), st.sd(), 1e-12);
        assertEquals(0.5, st.difference(), 1e-12);
        assertEquals(new McNemar(10, 0), st.test());
        assertEquals(20, st.pairs());
        assertEquals(2.0 / 1024, st.test().p(), 1e-12);
        assertTrue(st.significant());
        assertEquals(new Accuracy(15, 20), st.pooled());
        VariantStats base = VariantStats.of(run, STANDALONE.id(), Metric.GENERATED);
        assertNull(base.test(), "Standalone is not compared with itself");

        String md = Files.readString(PaperTables.write(List.of(run), dir.resolve("report")));
        assertTrue(md.contains("Accuracy: mean over 2 seeds (1, 2)"), md);
        assertTrue(md.contains("| Standalone | cqa | 25.0 ± 7.1 | – | – | – |\n"), md);
        assertTrue(md.contains("| FedCoT-E (ε=3) | cqa | 75.0 ± 21.2 | +50.0 | 0.00195 * | 20 |"), md);
        JsonNode json =
                new ObjectMapper().readTree(dir.resolve("report/stats.json").toFile());
        JsonNode e =
                json.path("runs").get(0).path("variants").get(1).path("metrics").path("generated");
        assertEquals(10, e.path("gains").asInt());
        assertEquals(2.0 / 1024, e.path("p").asDouble(), 1e-12);
        assertEquals(
                List.of(1L, 2L),
                List.of(
                        json.path("runs").get(0).path("seeds").get(0).asLong(),
                        json.path("runs").get(0).path("seeds").get(1).asLong()));
    }

    @Test
    void oneSeedHasNoSpreadAndResultsWithoutPredictionsNoTest() throws IOException {
        RunResults run = Results.oneSeed("cqa", 3, List.of(result(STANDALONE, 3), result(FEDCOT_E, 9)));
        VariantStats st = VariantStats.of(run, FEDCOT_E.id(), Metric.GENERATED);
        assertTrue(Double.isNaN(st.sd()));
        assertEquals(0.6, st.difference(), 1e-12);
        assertNull(st.test());
        String md = Files.readString(PaperTables.write(List.of(run), dir.resolve("report")));
        assertTrue(md.contains("| FedCoT-E (ε=3) | cqa | 90.0 | +60.0 | – | – |"), md);
    }

    /** A seed's run of 10 questions: Standalone right on the first {@code standalone}, FedCoT-E on the first {@code fedCot}. */
    private SeedRun seed(long seed, int standalone, int fedCot) throws IOException {
        RunDir run = new RunDir(dir.resolve("seed-" + seed));
        predictions(run, STANDALONE, standalone);
        predictions(run, FEDCOT_E, fedCot);
        return new SeedRun(seed, run, List.of(result(STANDALONE, standalone), result(FEDCOT_E, fedCot)));
    }

    private static void predictions(RunDir run, Variant v, int right) throws IOException {
        Files.createDirectories(run.predictions(v.id()).getParent());
        try (StageLog log = StageLog.open(run.predictions(v.id()))) {
            for (int i = 0; i < 10; i++) {
                log.append(StageLog.record("q" + i).put("correct", i < right));
            }
        }
    }

    private static VariantResult result(Variant v, int right) {
        return VariantResult.builder(v).accuracy(new Accuracy(right, 10)).build();
    }
}
