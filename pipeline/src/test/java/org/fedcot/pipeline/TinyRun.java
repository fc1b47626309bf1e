package org.fedcot.pipeline;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fedcot.llm.server.OpenAiServer;
import org.fedcot.llm.server.ServedModel;
import org.fedcot.llm.server.ServerOptions;

/**
 * A whole run made small: CQA from the shared folder cut to a dozen examples, stories260K as both the
 * client's SLM and the server's LLM (served over loopback HTTP with an audit log), GloVe for the
 * exponential mechanism, two training steps. Accuracy is meaningless; every stage runs.
 */
public final class TinyRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TinyRun() {
    }

    /** A file of the shared folder; the test is skipped without it. */
    public static Path shared(String relative) {
        String root = System.getProperty("fedcot.shared");
        assumeTrue(root != null, "system property fedcot.shared is not set");
        Path path = Path.of(root).resolve(relative);
        assumeTrue(Files.exists(path), path + " is missing");
        return path;
    }

    /** Serves stories260K on a free loopback port, every request appended to {@code audit}. */
    public static OpenAiServer server(Path audit) throws IOException {
        ServedModel model = ServedModel.load(shared("models/stories260K/stories260K.bin"),
                shared("models/stories260K/tok512.bin"), "stories260K");
        return OpenAiServer.start(model, ServerOptions.loopback(0).withAuditLog(audit));
    }

    /**
     * A config file in {@code dir} running {@code methods} (YAML list text) with {@code extra} YAML lines
     * appended at the top level.
     */
    public static Path config(Path dir, String methods, String extra) throws IOException {
        String yaml = """
                seed: 7
                runDir: run
                task:
                  dataset: cqa
                  train: %s
                  test: %s
                  trainLimit: 12
                  testLimit: 4
                slm:
                  model: %s
                  tokenizer: %s
                llm:
                  model: stories260K
                  maxTokens: 16
                  concurrency: 2
                privacy:
                  embeddings: %s
                  mechanism: santext
                train:
                  steps: 2
                  encoderSteps: 2
                  batchSize: 4
                  microBatch: 4
                  maxLength: 96
                  checkpointEvery: 1
                generation:
                  rationaleTokens: 12
                  encodedTokens: 24
                  answerTokens: 6
                filterRationales: false
                methods: %s
                %s
                """.formatted(shared("data/cqa/cqa_train.json"), shared("data/cqa/cqa_test.json"),
                shared("models/stories260K/stories260K.bin"), shared("models/stories260K/tok512.bin"),
                shared("embeddings/glove.6B.100d.wink-top50000.txt"), methods, extra);
        Path file = dir.resolve("run.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /**
     * The prompts of every completion request in the audit log the server generated for, in order: a request
     * answered from the server's memory of a request in flight when a run was killed ("replay") is skipped.
     */
    public static List<String> auditedPrompts(Path audit) {
        List<String> prompts = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(audit)) {
                JsonNode entry = JSON.readTree(line);
                if (!entry.path("path").asText().endsWith("/completions") || entry.path("replay").asBoolean()) continue;
                prompts.add(JSON.readTree(entry.path("body").asText()).path("prompt").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return prompts;
    }
}
