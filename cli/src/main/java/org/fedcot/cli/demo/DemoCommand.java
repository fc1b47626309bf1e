package org.fedcot.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.fedcot.cli.MemoryBudget;
import org.fedcot.cli.run.RunProgress;
import org.fedcot.llm.server.OpenAiServer;
import org.fedcot.llm.server.ServedModel;
import org.fedcot.llm.server.ServerOptions;
import org.fedcot.models.checkpoint.AtomicFiles;
import org.fedcot.pipeline.Pipeline;
import org.fedcot.pipeline.RunOutcome;
import org.fedcot.pipeline.config.ConfigCheck;
import org.fedcot.pipeline.config.ConfigReader;
import org.fedcot.pipeline.config.ConfigSource;
import org.fedcot.pipeline.run.RunArguments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fedcot demo}: FedCoT end to end on the embedded default, with no downloads and no data. Both parties
 * run in this process but talk only over HTTP: the server's teacher LLM behind {@code fedcot serve}'s code on
 * a loopback port (with an audit log of every request), the client running Algorithm 1 on generated questions
 * about a made-up world's creatures with its own small model. It compares Standalone, Non-Private, FedCoT-E and FedCoT-A at eps = 3,
 * sweeps eps for FedCoT-E, runs both without decoding, and prints the paper's Tables 2, 4, 5, 6 and 7 for what
 * came out, over one seed or several ({@code --seeds N}: seeds 1 to N, every run directory's seed-S/).
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "FedCoT end to end on a built-in task (questions about the creatures of a made-up world), with no downloads "
                    + "and no data: a teacher LLM served over HTTP on loopback, the client's SLM, and Standalone, "
                    + "Non-Private, FedCoT-E and FedCoT-A at eps 3 with an eps sweep; prints the comparison and writes "
                    + "the report with charts.",
            "The first run trains the two models (a few minutes) and keeps them in --cache; a run stopped at any "
                    + "point continues when started again."
        })
public final class DemoCommand implements Callable<Integer> {
    private static final String CONFIG = "demo.yaml";
    /** The cache's name, changed whenever the task or the models change, so an old cache is not reused. */
    private static final String CACHE_NAME = "demo-v3";
    /** The cached models' seed: they belong to the cache, not to a run, so a run's seed does not change them. */
    private static final long MODEL_SEED = 7;
    /** The config field of the seeds to run. */
    private static final String SEEDS = "seeds";
    /** The most seeds --seeds takes: each is a whole run of every method. */
    private static final int MAX_SEEDS = 100;
    /** A lower bound on what one question holds in memory (its texts alone are longer). */
    private static final double BYTES_PER_QUESTION = 256;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--run-dir",
            paramLabel = "DIR",
            defaultValue = "runs/demo",
            description = "The run directory (default: ${DEFAULT-VALUE}); a finished run there is reported again.")
    Path runDir;

    @Option(
            names = "--cache",
            paramLabel = "DIR",
            description = "Where the trained teacher and SLM are kept (default: $XDG_CACHE_HOME/fedcot/" + CACHE_NAME
                    + " or ~/.cache/fedcot/" + CACHE_NAME + ").")
    Path cache;

    @Option(
            names = "--train",
            paramLabel = "N",
            defaultValue = "300",
            description = "Training questions, half public, half private (default: ${DEFAULT-VALUE}).")
    int trainCount;

    @Option(
            names = "--test",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Test questions (default: ${DEFAULT-VALUE}).")
    int testCount;

    @Option(
            names = "--teacher-steps",
            paramLabel = "N",
            defaultValue = "700",
            description = "Training steps of the teacher LLM when it is first made (default: ${DEFAULT-VALUE}).")
    int teacherSteps;

    @Option(
            names = "--slm-steps",
            paramLabel = "N",
            defaultValue = "500",
            description = "Pretraining steps of the client's SLM when it is first made (default: ${DEFAULT-VALUE}).")
    int slmSteps;

    @Option(
            names = "--seeds",
            paramLabel = "N",
            description = "Runs seeds 1 to N (default: 1), every method on each; the tables show the mean, the spread"
                    + " and McNemar's test pooled over them. --set seeds=[a,b,c] names the seeds instead.")
    Integer seedCount;

    @Option(
            names = "--set",
            paramLabel = "FIELD=VALUE",
            description = "Overrides a field of the demo's config (RUN_DIR/demo.yaml), e.g. --set train.steps=100.")
    List<String> sets;

    @Override
    public Integer call() throws IOException {
        if (seedCount != null && (seedCount < 1 || seedCount > MAX_SEEDS)) {
            throw new IllegalArgumentException("--seeds must be between 1 and " + MAX_SEEDS + ", got " + seedCount);
        }
        if (trainCount < 4 || testCount < 1 || teacherSteps < 1 || slmSteps < 1) {
            throw new IllegalArgumentException(
                    "--train must be at least 4, --test, --teacher-steps and --slm-steps at least 1");
        }
        // every question is its text, four choices and a rationale in memory at once: far more than this each
        long questions = (long) trainCount + testCount;
        MemoryBudget.require(
                "--train " + trainCount + " --test " + testCount,
                String.format(Locale.ROOT, "a task of %,d questions", questions),
                BYTES_PER_QUESTION * questions);
        PrintWriter out = spec.commandLine().getOut();
        Path configFile = runDir.resolve(CONFIG);
        Map<String, String> userOverrides = new LinkedHashMap<>(
                RunArguments.of(configFile, runDir, null, sets).overrides());
        if (userOverrides.containsKey(SEEDS) && seedCount != null) {
            throw new IllegalArgumentException("--seeds and --set seeds=... both name the seeds: give one of them");
        }
        userOverrides.putIfAbsent(SEEDS, seeds(seedCount == null ? 1 : seedCount));
        writeConfig(configFile);
        // the config with the user's overrides, checked before minutes of training make the models it lacks
        ConfigSource checked = ConfigReader.read(configFile, userOverrides);
        ConfigCheck.values(checked);
        DemoTask task = new DemoTask(trainCount, testCount, checked.config().seed());
        RunOutcome done;
        try (RunProgress progress = new RunProgress(new PrintWriter(System.err, true))) {
            DemoModels models = DemoModels.prepare(cacheDir(), MODEL_SEED, teacherSteps, slmSteps, progress);
            ServerOptions options = ServerOptions.loopback(0).withAuditLog(runDir.resolve("audit.jsonl"));
            try (OpenAiServer server =
                    OpenAiServer.start(ServedModel.load(models.teacher(), models.tokenizer(), "teacher"), options)) {
                progress.message("demo: the teacher LLM answers at " + server.baseUrl() + " (audit log "
                        + options.auditLog() + ")");
                Map<String, String> overrides = new LinkedHashMap<>();
                overrides.put("slm.model", models.slm().toString());
                overrides.put("slm.tokenizer", models.tokenizer().toString());
                overrides.put("privacy.embeddings", models.teacher().toString());
                overrides.put("privacy.tokenizer", models.tokenizer().toString());
                overrides.putAll(userOverrides);
                overrides.put("llm.url", server.baseUrl());
                ConfigSource config = ConfigReader.read(configFile, overrides);
                done = Pipeline.run(config, task, progress);
            }
        }
        out.println(DemoTables.of(done.report()));
        out.println("report and charts: " + done.report().getParent());
        out.flush();
        return 0;
    }

    /** Seeds 1 to {@code n} as a YAML list: the demo's default seeds, so a run of more seeds reuses the fewer's. */
    private static String seeds(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    /** The embedded config, written into the run directory (once) so the run's settings are on record. */
    private void writeConfig(Path file) throws IOException {
        if (!Files.exists(file)) {
            try (InputStream in = DemoCommand.class.getResourceAsStream(CONFIG)) {
                if (in == null) {
                    throw new IllegalStateException("the demo's config is missing from the jar");
                }
                Files.createDirectories(runDir);
                AtomicFiles.writeString(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    private Path cacheDir() {
        if (cache != null) {
            return cache;
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("fedcot").resolve(CACHE_NAME);
    }
}
