package org.fedcot.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.fedcot.llm.server.OpenAiServer;
import org.fedcot.pipeline.config.ConfigReader;
import org.fedcot.pipeline.run.RunListener;
import org.fedcot.pipeline.run.RunMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run halted abruptly in each of its stages in turn (the LLM, task-SLM training, evaluation, perturbation,
 * in-context decoding, FedCoT-A's encoder-decoder training, encoding and decoding), then run to the end, against
 * an uninterrupted run of the same configuration: the server is asked nothing twice and the predictions are
 * byte for byte the same. Each stop comes at a fixed point of the work ({@link HaltingRun}), never after a wait.
 */
@Timeout(1800) // only a safety net: nine JVMs on a loaded two-core machine took over ten minutes
class ResumeTest {
    /** Where the run is stopped: in stage {@code stage}, at {@code point}. */
    private record KillPoint(String stage, HaltingRun.Point point) {}

    private static final List<KillPoint> KILLS = List.of(
            new KillPoint("ask the LLM", HaltingRun.Point.afterRecords("rationales-raw", 1)),
            new KillPoint("train the task SLM", HaltingRun.Point.afterCheckpoint("non-private", 1)),
            new KillPoint("evaluate", HaltingRun.Point.afterRecords("evaluate non-private", 1)),
            new KillPoint("perturb", HaltingRun.Point.afterRecords("perturbed-eps3", 1)),
            new KillPoint("decode in context", HaltingRun.Point.afterRecords("decoded-eps3", 1)),
            new KillPoint("train the encoder-decoder", HaltingRun.Point.afterCheckpoint("fedcot-a-encoder-decoder", 1)),
            new KillPoint("encode with the trained encoder", HaltingRun.Point.afterRecords("fedcot-a-encoded", 1)),
            new KillPoint("decode with the trained decoder", HaltingRun.Point.afterRecords("fedcot-a-decoded", 1)));

    @TempDir
    Path dir;

    @Test
    void aRunHaltedInEveryStageResumesWithoutAskingTwiceAndEndsAsAnUninterruptedOne() throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        Path referenceAudit = dir.resolve("reference-audit.jsonl");
        Path config = TinyRun.config(dir, "[non-private, fedcot-e, fedcot-a]", "");
        // two training steps: halted after checkpoint 1, each training has a step left to resume
        Files.writeString(
                config,
                Files.readString(config).replace("  concurrency: 2\n", "  concurrency: 1\n  allowRawPrompts: true\n"));
        Path run = dir.resolve("halted");
        try (OpenAiServer server = TinyRun.server(audit)) {
            String url = server.baseUrl();
            for (KillPoint k : KILLS) {
                Process p = child(k.point(), config, run, url);
                assertEquals(
                        HaltingRun.HALTED,
                        p.waitFor(),
                        "the run was not halted in stage '" + k.stage() + "' at " + k.point() + ": "
                                + Files.readString(stderr()));
            }
            Process last = child(null, config, run, url);
            assertEquals(0, last.waitFor(), Files.readString(stderr()));
        }
        List<String> prompts = TinyRun.auditedPrompts(audit);
        assertEquals(new HashSet<>(prompts).size(), prompts.size(), "a request was sent twice");

        Path reference = dir.resolve("reference");
        try (OpenAiServer server = TinyRun.server(referenceAudit)) {
            Pipeline.run(
                    ConfigReader.read(config, Map.of("llm.url", server.baseUrl(), "runDir", reference.toString())),
                    RunListener.NONE);
        }
        assertEquals(Set.copyOf(TinyRun.auditedPrompts(referenceAudit)), Set.copyOf(prompts));
        try (Stream<Path> files = Files.list(reference.resolve("predictions"))) {
            for (Path p : files.toList()) {
                Path halted = run.resolve("predictions").resolve(p.getFileName());
                assertEquals(
                        Files.readString(p),
                        Files.readString(halted),
                        p.getFileName().toString());
            }
        }
        for (String stage : List.of("perturbed-eps3", "decoded-eps3", "fedcot-a-encoded", "fedcot-a-decoded")) {
            Path file = Path.of("stages", stage + ".jsonl");
            assertEquals(
                    Set.copyOf(Files.readAllLines(reference.resolve(file))),
                    Set.copyOf(Files.readAllLines(run.resolve(file))),
                    stage);
        }
    }

    /**
     * {@code fedcot run}'s main in a child JVM with this test's class path, halted at {@code point} (run to the end
     * when null); its stderr goes to {@link #stderr()}.
     */
    private Process child(HaltingRun.Point point, Path config, Path run, String url) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules",
                "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path")));
        if (point != null) {
            cmd.add(HaltingRun.class.getName());
            cmd.addAll(HaltingRun.arguments(point));
        } else {
            cmd.add(RunMain.class.getName());
        }
        cmd.addAll(List.of("--config", config.toString(), "--run-dir", run.toString(), "--llm-url", url));
        return new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr().toFile())
                .start();
    }

    /** The last child's stderr. */
    private Path stderr() {
        return dir.resolve("child-stderr.txt");
    }
}
