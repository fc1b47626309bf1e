package org.fedcot.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fedcot.llm.server.OpenAiServer;
import org.fedcot.pipeline.config.ConfigReader;
import org.fedcot.pipeline.config.ConfigSource;
import org.fedcot.pipeline.privacy.AttackRow;
import org.fedcot.pipeline.privacy.PublicPrompts;
import org.fedcot.pipeline.privacy.RunAttacks;
import org.fedcot.pipeline.run.RunDir;
import org.fedcot.pipeline.run.RunListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run records its public prompts, the attack stage counts the Bayesian prior over them, {@code fedcot attack}'s
 * reading of an older run's task files gives the same prompts, and a run without any falls back to Zipf's law.
 */
class PublicPromptsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void thePriorIsCountedOverTheRecordedPublicPrompts() throws IOException {
        ConfigSource source;
        try (OpenAiServer server = TinyRun.server(dir.resolve("audit.jsonl"))) {
            Path config = TinyRun.config(dir, "[fedcot-e]", "");
            Files.writeString(
                    config,
                    Files.readString(config)
                            .replace("  mechanism: santext\n", "  mechanism: santext\n  attacks: [nearest, bayes]\n"));
            source = ConfigReader.read(config, Map.of("llm.url", server.baseUrl()));
            Pipeline.run(source, RunListener.NONE);
        }
        RunDir run = new RunDir(dir.resolve("run"));
        int publicExamples = JSON.readTree(run.split().toFile()).path("public").size();
        assertTrue(publicExamples > 0, "the tiny task has a public part");
        List<String> prompts = PublicPrompts.read(run).orElseThrow();
        assertEquals(publicExamples, prompts.size());
        prompts.forEach(p -> assertTrue(p.contains(" \nChoices:['"), p));

        String counted = "word frequencies counted over " + publicExamples + " public prompts, plus one for every word";
        for (JsonNode row : JSON.readTree(run.privacy().resolve("attacks.json").toFile())) {
            assertEquals(counted, row.path("prior").asText());
        }
        assertTrue(Files.readString(run.privacy().resolve("attacks.md")).contains("prior: " + counted + "."));

        // a run made before runs recorded their public prompts: its task files, split as the run split them
        Path recorded = run.privacy().resolve("public-prompts.json");
        String before = Files.readString(recorded);
        Files.delete(recorded);
        PublicPrompts.recordFromConfig(run, source.config(), source.config().seed());
        assertEquals(before, Files.readString(recorded));

        // none on record (a generated task): Zipf's law, said so
        Files.delete(recorded);
        List<AttackRow> rows = RunAttacks.run(run, source.config(), null, RunListener.NONE);
        assertEquals(
                "Zipf's law over the vocabulary's order (the run has no public prompts on record)",
                rows.get(0).prior());
    }
}
