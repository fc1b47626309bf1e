package org.fedcot.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * A run killed with SIGKILL in each of its stages in turn (the LLM, task-SLM training, evaluation, perturbation,
 * in-context decoding, FedCoT-A's encoder-decoder training, encoding and decoding), then run to the end, against
 * an uninterrupted run of the same configuration: the server is asked nothing twice and the predictions are
 * byte for byte the same.
 */
@Timeout(300)
class ResumeTest {
    /** What must be on disk when the run is killed: a stage has begun (a record or a checkpoint is there). */
    private record KillPoint(String stage, String file) {
    }

    private static final List<KillPoint> KILLS = List.of(
            new KillPoint("ask the LLM", "stages/rationales-raw.jsonl"),
            new KillPoint("train the task SLM", "models/non-private/checkpoint-1"),
            new KillPoint("evaluate", "predictions/non-private.jsonl"),
            new KillPoint("perturb", "stages/perturbed-eps3.jsonl"),
            new KillPoint("decode in context", "stages/decoded-eps3.jsonl"),
            new KillPoint("train the encoder-decoder", "models/fedcot-a-encoder-decoder/checkpoint-1"),
            new KillPoint("encode with the trained encoder", "stages/fedcot-a-encoded.jsonl"),
            new KillPoint("decode with the trained decoder", "stages/fedcot-a-decoded.jsonl"));

    @TempDir
    Path dir;

    @Test
    void aRunKilledInEveryStageResumesWithoutAskingTwiceAndEndsAsAnUninterruptedOne() throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        Path referenceAudit = dir.resolve("reference-audit.jsonl");
        Path config = TinyRun.config(dir, "[non-private, fedcot-e, fedcot-a]", "");
        Files.writeString(config, Files.readString(config).replace("  concurrency: 2\n",
                "  concurrency: 1\n  allowRawPrompts: true\n").replace("steps: 2\n", "steps: 6\n"));
        Path run = dir.resolve("killed");
        try (OpenAiServer server = TinyRun.server(audit)) {
            String url = server.baseUrl();
            for (KillPoint k : KILLS) {
                Path file = run.resolve(k.file());
                assertTrue(killWhen(config, run, url, () -> Files.exists(file) && (Files.isDirectory(file) || lines(file) > 0)),
                        "the run ended before it could be killed in stage '" + k.stage() + "'");
            }
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
        try (Stream<Path> files = Files.list(reference.resolve("predictions"))) {
            for (Path p : files.toList()) {
                Path killed = run.resolve("predictions").resolve(p.getFileName());
                assertEquals(Files.readString(p), Files.readString(killed), p.getFileName().toString());
            }
        }
        for (String stage : List.of("perturbed-eps3", "decoded-eps3", "fedcot-a-encoded", "fedcot-a-decoded")) {
            Path file = Path.of("stages", stage + ".jsonl");
            assertEquals(Set.copyOf(Files.readAllLines(reference.resolve(file))),
                    Set.copyOf(Files.readAllLines(run.resolve(file))), stage);
        }
    }

    /**
     * Starts the run in a child JVM and kills it (SIGKILL) as soon as {@code condition} holds; false when the
     * child ended by itself first.
     */
    private static boolean killWhen(Path config, Path run, String url, BooleanSupplier condition) throws Exception {
        Process p = child(config, run, url).start();
        try {
            while (p.isAlive() && !condition.getAsBoolean()) {
                Thread.sleep(2);
            }
            return p.isAlive();
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
