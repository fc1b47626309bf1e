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
import org.fedcot.testing.MadeQuestions;

/**
 * A whole run made small, on material the tests make themselves (so it runs on a fresh clone): a dozen
 * CQA-style questions ({@link MadeQuestions}), a random tiny Llama ({@link MadeModel}) as both the client's SLM
 * and the server's LLM (served over loopback HTTP with an audit log), random word vectors for the exponential
 * mechanism, two training steps. Accuracy is meaningless; every stage runs.
 */
public final class TinyRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TinyRun() {}

    /** Serves the made model on a free loopback port, every request appended to {@code audit}. */
    public static OpenAiServer server(Path audit) throws IOException {
        ServedModel model = ServedModel.load(Made.MODEL, Made.MODEL.resolve("tokenizer.json"), MadeModel.NAME);
        return OpenAiServer.start(model, ServerOptions.loopback(0).withAuditLog(audit));
    }

    /** The client's SLM of the tiny config: a Hugging Face directory with its tokenizer.json. */
    public static Path slmModel() {
        return Made.MODEL;
    }

    /** The run's training questions (the test questions are beside them). */
    public static Path trainFile() {
        return Made.TRAIN;
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
                  model: %s
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
                """.formatted(
                        Made.TRAIN,
                        Made.TEST,
                        Made.MODEL,
                        Made.MODEL.resolve("tokenizer.json"),
                        MadeModel.NAME,
                        Made.VECTORS,
                        methods,
                        extra);
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
                if (!entry.path("path").asText().endsWith("/completions")
                        || entry.path("replay").asBoolean()) continue;
                prompts.add(JSON.readTree(entry.path("body").asText())
                        .path("prompt")
                        .asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return prompts;
    }

    /** The made material, written once per JVM into a fresh folder under target/ on first use. */
    private static final class Made {
        private static final Path DIR = create();
        static final Path TRAIN = DIR.resolve("cqa_train.json");
        static final Path TEST = DIR.resolve("cqa_test.json");
        static final Path VECTORS = DIR.resolve("vectors.txt");
        static final Path MODEL = DIR.resolve(MadeModel.NAME);

        static {
            try {
                MadeQuestions.write(TRAIN, TEST);
                MadeQuestions.writeVectors(VECTORS);
                MadeModel.write(MODEL);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Path create() {
            // surefire runs the tests in the module's folder and names it in basedir
            Path target = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target");
            try {
                return Files.createTempDirectory(Files.createDirectories(target), "made-")
                        .toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
