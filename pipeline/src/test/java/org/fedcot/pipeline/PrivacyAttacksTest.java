package org.fedcot.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fedcot.llm.server.OpenAiServer;
import org.fedcot.pipeline.config.ConfigReader;
import org.fedcot.pipeline.run.RunListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that lists attacks scores them on every release it sent and puts the table in its report. */
class PrivacyAttacksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyReleaseIsAttackedAndTheReportShowsIt() throws IOException {
        try (OpenAiServer server = TinyRun.server(dir.resolve("audit.jsonl"))) {
            Path config = TinyRun.config(dir, "[fedcot-e]", "ablations:\n  epsilons: [1]\n");
            Files.writeString(
                    config,
                    Files.readString(config)
                            .replace(
                                    "  mechanism: santext\n",
                                    "  mechanism: santext\n  attacks: [nearest, bayes, lm]\n"));
            Pipeline.run(ConfigReader.read(config, Map.of("llm.url", server.baseUrl())), RunListener.NONE);
        }
        int privatePrompts = JSON.readTree(dir.resolve("run/split.json").toFile())
                .path("private")
                .size();
        JsonNode rows = JSON.readTree(dir.resolve("run/privacy/attacks.json").toFile());
        assertEquals(2, rows.size());
        assertEquals("perturbed-eps3", rows.get(0).path("stage").asText());
        assertEquals(1.0, rows.get(1).path("epsilon").asDouble());
        for (JsonNode row : rows) {
            JsonNode s = row.path("score");
            assertEquals(
                    privatePrompts,
                    s.path("texts").asInt() + s.path("unaligned").asInt());
            assertTrue(s.path("units").asInt() > 0);
            // the defaults perturb stopwords and replace numbers and unknown words: nothing goes out as it was
            assertEquals(0, s.path("passedThrough").asInt());
            assertTrue(s.path("bayesEligible").path("top1").asInt()
                    <= s.path("bayesEligible").path("top5").asInt());
            assertTrue(row.path("accuracy").isNumber());
            double lm = row.path("lm").asDouble(-1);
            assertTrue(lm >= 0 && lm <= 1, row.toString());
        }
        String report = Files.readString(dir.resolve("run/report/report.md"));
        assertTrue(report.contains("## Privacy: recovery of the private words by the server"), report);
        assertTrue(Files.size(dir.resolve("run/report/privacy-utility.png")) > 0);
    }

    @Test
    void tokenLevelReleasesAreAttackedToo() throws IOException {
        try (OpenAiServer server = TinyRun.server(dir.resolve("audit.jsonl"))) {
            Path config = TinyRun.config(dir, "[fedcot-e]", "");
            // RanText over the model's input embeddings and tokenizer, as the demo perturbs; the made tokenizer's
            // set holds few of the questions' words, so a release may keep them all (the demo's setting too)
            String yaml = Files.readString(config)
                    .replaceAll("  embeddings: .*\n", "  embeddings: " + TinyRun.slmModel() + "\n")
                    .replace(
                            "  mechanism: santext\n",
                            "  mechanism: rantext\n  attacks: [nearest, bayes]\n  maxKeptShare: 1.0\n");
            Files.writeString(config, yaml);
            Pipeline.run(ConfigReader.read(config, Map.of("llm.url", server.baseUrl())), RunListener.NONE);
        }
        JsonNode rows = JSON.readTree(dir.resolve("run/privacy/attacks.json").toFile());
        assertEquals(1, rows.size());
        JsonNode s = rows.get(0).path("score");
        assertTrue(s.path("texts").asInt() > 0, s.toString());
        assertTrue(s.path("eligible").asInt() > 0, s.toString());
        assertTrue(s.path("bayesEligible").path("top1").asInt()
                <= s.path("bayesEligible").path("top5").asInt());
        String report = Files.readString(dir.resolve("run/report/report.md"));
        assertTrue(report.contains("## Privacy: recovery of the private words by the server"), report);
        assertTrue(report.contains("| rantext | 3"), report);
    }
}
