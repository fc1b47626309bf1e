package org.fedcot.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fedcot.llm.server.OpenAiServer;
import org.fedcot.pipeline.config.ConfigReader;
import org.fedcot.pipeline.method.VariantResult;
import org.fedcot.pipeline.run.RunListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** eval.mode both: generated answers and choice log-likelihoods, both in the results and the report; rationale counts told. */
class EvaluationModeTest {
    @TempDir
    Path dir;

    @Test
    void bothModesScoreEveryVariantAndTheReportCarriesBoth() throws IOException {
        List<String> messages = new ArrayList<>();
        RunOutcome done;
        try (OpenAiServer server = TinyRun.server(dir.resolve("audit.jsonl"))) {
            Path config = TinyRun.config(dir, "[fewshot-slm, non-private]", "eval:\n  mode: both\n");
            Files.writeString(
                    config,
                    Files.readString(config)
                            .replace("  concurrency: 2\n", "  concurrency: 2\n  allowRawPrompts: true\n"));
            done = Pipeline.run(ConfigReader.read(config, Map.of("llm.url", server.baseUrl())), new RunListener() {
                @Override
                public void message(String line) {
                    messages.add(line);
                }
            });
        }
        Path run = dir.resolve("run");
        for (VariantResult r : done.results()) {
            assertNotNull(r.accuracy(), r.variant().id());
            assertNotNull(r.choice(), r.variant().id());
            assertEquals(
                    4,
                    Files.readAllLines(run.resolve("predictions/" + r.variant().id() + ".mc.jsonl"))
                            .size());
            assertEquals(
                    r.choice(),
                    VariantResult.read(run.resolve("results/" + r.variant().id() + ".json"))
                            .choice());
        }
        VariantResult nonPrivate = done.results().getLast();
        String told = "Non-Private: " + nonPrivate.rationales().statingGold() + " of "
                + nonPrivate.rationales().offered() + " rationales state the gold answer";
        assertTrue(messages.stream().anyMatch(m -> m.startsWith(told)), messages.toString());
        String report = Files.readString(done.report());
        assertTrue(report.contains("(multiple choice, acc_norm)"), report);
        assertTrue(report.contains("## Rationales trained on"), report);
        assertTrue(Files.exists(run.resolve("report/table2-mc/accuracy.png")));
    }
}
