package org.fedcot.pipeline;

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
import org.fedcot.testing.SharedFiles;

/**
 * A whole run made small: CQA from the shared folder cut to a dozen examples, stories260K as both the
 * client's SLM and the server's LLM (served over loopback HTTP with an audit log), GloVe for the
 * exponential mechanism, two training steps. Accuracy is meaningless; every stage runs.
 */
public final class TinyRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TinyRun() {
    }

    /** Serves stories260K on a free loopback port, every request appended to {@code audit}. */
    public static OpenAiServer server(Path audit) throws IOException {
        ServedModel model = ServedModel.load(SharedFiles.path("models/stories260K/stories260K.bin"),
                SharedFiles.path("models/stories260K/tok512.bin"), "stories260K");
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
                """.formatted(SharedFiles.path("data/cqa/cqa_train.json"), SharedFiles.path("data/cqa/cqa_test.json"),
                SharedFiles.path("models/stories260K/stories260K.bin"), SharedFiles.path("models/stories260K/tok512.bin"),
                SharedFiles.path("embeddings/glove.6B.100d.wink-top50000.txt"), methods, extra);
        Path file = dir.resolve("run.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** The prompts of every completion request in the audit log, in order. */
    public static List<String> auditedPrompts(Path audit) {
        List<String> prompts = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(audit)) {
                JsonNode entry = JSON.readTree(line);
                if (!entry.path("path").asText().endsWith("/completions")) continue;
                prompts.add(JSON.readTree(entry.path("body").asText()).path("prompt").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return prompts;
    }
}
