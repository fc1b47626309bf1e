package org.fedcot.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.fedcot.llm.server.OpenAiServer;
import org.fedcot.pipeline.config.ConfigReader;
import org.fedcot.pipeline.method.VariantResult;
import org.fedcot.pipeline.prompt.RationalePrompts;
import org.fedcot.pipeline.run.RunListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every method and ablation through every stage, against a real server on loopback. */
class EndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyMethodAndAblationProducesPredictionsAndAReport() throws IOException {
        Path audit = dir.resolve("audit.jsonl");
        try (OpenAiServer server = TinyRun.server(audit)) {
            Path config =
                    TinyRun.config(dir, "[fewshot-llm, fewshot-slm, standalone, non-private, fedcot-e, fedcot-a]", """
                    ablations:
                      epsilons: [1, 10]
                      withoutDecoding: true
                      fractions: [0.5]
                    """);
            Files.writeString(
                    config,
                    Files.readString(config)
                            .replace("  concurrency: 2\n", "  concurrency: 2\n  allowRawPrompts: true\n"));
            RunOutcome done =
                    Pipeline.run(ConfigReader.read(config, Map.of("llm.url", server.baseUrl())), RunListener.NONE);
            Set<String> ids = done.results().stream().map(r -> r.variant().id()).collect(Collectors.toSet());
            assertEquals(
                    Set.of(
                            "fewshot-llm",
                            "fewshot-slm",
                            "standalone",
                            "non-private",
                            "fedcot-e-eps3",
                            "fedcot-a-eps3",
                            "fedcot-e-eps1",
                            "fedcot-e-eps10",
                            "fedcot-e-eps3-nodecode",
                            "fedcot-a-eps3-nodecode",
                            "fedcot-e-eps3-frac0.5"),
                    ids);
            Path run = dir.resolve("run");
            for (VariantResult r : done.results()) {
                assertEquals(4, r.accuracy().total(), r.variant().id());
                assertEquals(
                        4,
                        Files.readAllLines(run.resolve("predictions")
                                        .resolve(r.variant().id() + ".jsonl"))
                                .size());
                if (r.variant().method().isPrivate()) {
                    assertNotNull(r.promptTokenRatio(), r.variant().id());
                    assertNotNull(r.usedTokenRatio(), r.variant().id());
                }
            }
            String report = Files.readString(done.report());
            for (String table : List.of("Table 2", "Table 4", "Table 5", "Table 6", "Table 7", "Table 8")) {
                assertTrue(report.contains(table), table + " missing from\n" + report);
            }
            assertTrue(Files.exists(run.resolve("report/table2/accuracy.png")));
            assertFalse(TinyRun.auditedPrompts(audit).isEmpty());
            assertFedCotADecoderLearntFromTheEncoder(run, TinyRun.auditedPrompts(audit));
        }
    }

    /**
     * FedCoT-A's decoder is trained on the LLM's rationales for what the trained encoder wrote for the public
     * prompts (as it is given at inference), so those are what the server was asked about.
     */
    private static void assertFedCotADecoderLearntFromTheEncoder(Path run, List<String> asked) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("stages/public-encoded.jsonl"));
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            String text = JSON.readTree(line).path("output").asText().strip();
            assertTrue(
                    asked.stream().anyMatch(p -> p.equals(RationalePrompts.request(text + "\n"))),
                    "the encoder's public prompt was not asked about: " + text);
        }
        assertTrue(Files.isDirectory(run.resolve("models/fedcot-a-encoder")), "the encoder trains first");
    }
}
