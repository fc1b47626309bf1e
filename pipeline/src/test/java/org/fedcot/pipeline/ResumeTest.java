package org.fedcot.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.fedcot.llm.server.OpenAiServer;
import org.fedcot.pipeline.config.ConfigReader;
import org.fedcot.pipeline.run.RunListener;
import org.fedcot.pipeline.run.RunMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL in its LLM stage, then in its training stage, then run to the end, against an
 * uninterrupted run of the same configuration: the server is asked nothing twice and the predictions are
 * byte for byte the same.
 */
@Timeout(180)
class ResumeTest {
    @TempDir
    Path dir;

    @Test
    void aKilledRunResumesWithoutAskingTwiceAndEndsAsAnUninterruptedOne() throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        Path referenceAudit = dir.resolve("reference-audit.jsonl");
        Path config = TinyRun.config(dir, "[non-private, fedcot-e]", "");
        Files.writeString(config, Files.readString(config).replace("  concurrency: 2\n",
                "  concurrency: 1\n  allowRawPrompts: true\n").replace("steps: 2\n", "steps: 6\n"));
        Path run = dir.resolve("killed");
        try (OpenAiServer server = TinyRun.server(audit)) {
            String url = server.baseUrl();
            Path llmStage = run.resolve("stages/rationales-raw.jsonl");
            killWhen(config, run, url, () -> lines(llmStage) > 0);
            assertTrue(lines(llmStage) < 6, "killed after the LLM stage was over");
            Path training = run.resolve("models/non-private");
            killWhen(config, run, url, () -> Files.exists(training.resolve("checkpoint-1"))
                    || Files.exists(training.resolve("checkpoint-2")));
            assertFalse(Files.exists(training.resolve("checkpoint-6")), "killed after training was over");
            Process last = child(config, run, url).start();
            assertEquals(0, last.waitFor(), new String(last.getErrorStream().readAllBytes()));
        }
        List<String> prompts = TinyRun.auditedPrompts(audit);
        assertEquals(new HashSet<>(prompts).size(), prompts.size(), "a request was sent twice");

        Path reference = dir.resolve("reference");
        try (OpenAiServer server = TinyRun.server(referenceAudit)) {
            Pipeline.run(ConfigReader.read(config, Map.of("llm.url", server.baseUrl(), "runDir", reference.toString())),
                    RunListener.NONE);
        }
        assertEquals(Set.copyOf(TinyRun.auditedPrompts(referenceAudit)), Set.copyOf(prompts));
        for (String variant : List.of("non-private", "fedcot-e-eps3")) {
            Path file = Path.of("predictions", variant + ".jsonl");
            assertEquals(Files.readString(reference.resolve(file)), Files.readString(run.resolve(file)), variant);
        }
    }

    /** Starts the run in a child JVM and kills it (SIGKILL) as soon as {@code condition} holds. */
    private static void killWhen(Path config, Path run, String url, BooleanSupplier condition) throws Exception {
        Process p = child(config, run, url).start();
        try {
            while (p.isAlive() && !condition.getAsBoolean()) {
                Thread.sleep(2);
            }
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    /** {@code fedcot run}'s main in a child JVM with this test's class path. */
    private static ProcessBuilder child(Path config, Path run, String url) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), RunMain.class.getName(),
                "--config", config.toString(), "--run-dir", run.toString(), "--llm-url", url));
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }

    private static long lines(Path file) {
        if (!Files.exists(file)) return 0;
        try (Stream<String> s = Files.lines(file)) {
            return s.count();
        } catch (IOException e) {
            return 0;
        }
    }
}
