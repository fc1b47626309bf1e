package org.fedcot.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fedcot.llm.server.OpenAiServer;
import org.fedcot.pipeline.config.ConfigException;
import org.fedcot.pipeline.config.ConfigReader;
import org.fedcot.pipeline.run.RunListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger adds up every release of every private prompt, and the budget stops a sweep before it starts. */
class PrivacyLedgerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SWEEP = "ablations:\n  epsilons: [1, 10]\n";

    @TempDir
    Path dir;

    @Test
    void theComposedEpsIsTheSumOfEachPromptsReleases() throws IOException {
        try (OpenAiServer server = TinyRun.server(dir.resolve("audit.jsonl"))) {
            Path config = TinyRun.config(dir, "[fedcot-e]", SWEEP);
            Pipeline.run(ConfigReader.read(config, Map.of("llm.url", server.baseUrl())), RunListener.NONE);
        }
        int privatePrompts = JSON.readTree(dir.resolve("run/split.json").toFile())
                .path("private")
                .size();
        JsonNode summary = JSON.readTree(dir.resolve("run/privacy/ledger.json").toFile());
        // by hand: the prompts go out once at eps 3 (FedCoT-E), once at 1 and once at 10 (the sweep)
        assertEquals(privatePrompts, summary.path("prompts").asInt());
        assertEquals(3 + 1 + 10, summary.path("composedEpsPerWordMax").asDouble());
        assertEquals(3 + 1 + 10, summary.path("composedEpsPerWordMin").asDouble());
        assertEquals(0, summary.path("promptsWithoutDpRelease").asInt());
        List<String> lines = Files.readAllLines(dir.resolve("run/privacy/ledger.jsonl"));
        assertEquals(3 * privatePrompts, lines.size());
        for (String line : lines) {
            JsonNode r = JSON.readTree(line);
            assertTrue(r.path("changed").asInt() <= r.path("eligible").asInt(), line);
            assertTrue(r.path("eligible").asInt() > 0, line);
            assertEquals("santext", r.path("mechanism").asText());
        }
    }

    @Test
    void aSweepOverTheBudgetStopsBeforeItsFirstRequest() throws IOException {
        Path audit = dir.resolve("audit.jsonl");
        ConfigException e;
        try (OpenAiServer server = TinyRun.server(audit)) {
            Path config = TinyRun.config(dir, "[fedcot-e]", SWEEP);
            Files.writeString(
                    config,
                    Files.readString(config)
                            .replace("  mechanism: santext\n", "  mechanism: santext\n  budgetPerPrompt: 5\n"));
            e = assertThrows(
                    ConfigException.class,
                    () -> Pipeline.run(
                            ConfigReader.read(config, Map.of("llm.url", server.baseUrl())), RunListener.NONE));
        }
        assertTrue(
                e.getMessage()
                        .contains("privacy.budgetPerPrompt: variant fedcot-e-eps10 would bring every private"
                                + " prompt to eps 14 per word under basic composition (fedcot-e-eps3 + fedcot-e-eps1 +"
                                + " fedcot-e-eps10), over privacy.budgetPerPrompt 5"),
                e.getMessage());
        assertTrue(!Files.exists(audit) || TinyRun.auditedPrompts(audit).isEmpty());
        assertFalse(Files.exists(dir.resolve("run")));
    }
}
