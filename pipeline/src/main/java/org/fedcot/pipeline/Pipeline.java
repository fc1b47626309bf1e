package org.fedcot.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fedcot.eval.data.QaExample;
import org.fedcot.models.checkpoint.AtomicFiles;
import org.fedcot.pipeline.config.ConfigCheck;
import org.fedcot.pipeline.config.ConfigException;
import org.fedcot.pipeline.config.ConfigSource;
import org.fedcot.pipeline.config.RunConfig;
import org.fedcot.pipeline.config.TaskSettings;
import org.fedcot.pipeline.method.RunContext;
import org.fedcot.pipeline.method.RunModels;
import org.fedcot.pipeline.method.Variant;
import org.fedcot.pipeline.method.VariantPlan;
import org.fedcot.pipeline.method.VariantResult;
import org.fedcot.pipeline.method.VariantRunner;
import org.fedcot.pipeline.privacy.PrivacyLedger;
import org.fedcot.pipeline.privacy.PublicPrompts;
import org.fedcot.pipeline.privacy.RunAttacks;
import org.fedcot.pipeline.report.PaperTables;
import org.fedcot.pipeline.report.RunResults;
import org.fedcot.pipeline.report.SeedRun;
import org.fedcot.pipeline.run.RunDir;
import org.fedcot.pipeline.run.RunListener;
import org.fedcot.pipeline.task.FileTaskSource;
import org.fedcot.pipeline.task.TaskData;
import org.fedcot.pipeline.task.TaskSource;

/**
 * Algorithm 1 with its baselines and ablations, over a run directory. Everything a run makes is kept there
 * as it is made, so running the same configuration again, after a crash or a kill, continues from the last
 * finished unit of work (a stage record, a training checkpoint, a prediction) and never asks the LLM again.
 *
 * <pre>{@code
 * ConfigSource config = ConfigReader.read(Path.of("run.yaml"), Map.of("llm.url", url));
 * RunOutcome done = Pipeline.run(config, RunListener.NONE);                  // task from the config's files
 * RunOutcome demo = Pipeline.run(config, myGeneratedTask, RunListener.NONE); // task from a generator
 * }</pre>
 */
public final class Pipeline {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Pipeline() {}

    /** Runs {@code source}, its task read from the files the configuration names. */
    public static RunOutcome run(ConfigSource source, RunListener listener) throws IOException {
        ConfigCheck.check(source, true);
        return execute(source.config(), FileTaskSource.of(source.config().task()), RunModels.open(source), listener);
    }

    /** Runs {@code source} on the examples {@code task} supplies (its {@code task} section may omit the files). */
    public static RunOutcome run(ConfigSource source, TaskSource task, RunListener listener) throws IOException {
        ConfigCheck.check(source, false);
        return execute(source.config(), task, RunModels.open(source), listener);
    }

    private static RunOutcome execute(RunConfig config, TaskSource task, RunModels models, RunListener listener)
            throws IOException {
        RunDir root = new RunDir(Path.of(config.runDir()));
        claim(root, config);
        TaskSettings settings =
                config.task() != null ? config.task() : new TaskSettings(task.name(), null, null, null, null, null);
        List<Long> seedList = config.seedList();
        List<SeedRun> seeds = new ArrayList<>();
        String dataset = task.name();
        for (int i = 0; i < seedList.size(); i++) {
            long seed = seedList.get(i);
            RunDir dir = root.forSeed(seed, config.perSeedDirectories());
            if (config.perSeedDirectories()) {
                listener.message("seed " + seed + " (" + (i + 1) + " of " + seedList.size() + "): " + dir.root());
            }
            // the same split, initialisation and data order for every method of this seed
            TaskData data = TaskData.load(task, settings, seed);
            dataset = data.name();
            Files.createDirectories(dir.root());
            recordSplit(dir, data);
            PublicPrompts.record(dir, data);
            List<VariantResult> results = new ArrayList<>();
            try (RunContext run = new RunContext(config.withSeed(seed), dir, data, models, listener)) {
                VariantRunner runner = new VariantRunner(run);
                for (Variant v : VariantPlan.of(config)) {
                    results.add(runner.run(v));
                }
            }
            PrivacyLedger.write(dir, config, RunContext.questionTexts(data.privatePart()));
            if (!config.privacy().attacks().isEmpty()) {
                RunAttacks.run(dir, config, config.privacy().attacks().contains("lm") ? config.llm() : null, listener);
            }
            seeds.add(new SeedRun(seed, dir, results));
        }
        Path report = PaperTables.write(
                List.of(new RunResults(dataset, config.privacy().epsilon(), seeds)), root.report());
        // the privacy table of the first seed: every seed's releases are attacked alike
        RunAttacks.appendTo(seeds.get(0).dir(), report);
        listener.message("report: " + report);
        return new RunOutcome(seeds.stream().flatMap(s -> s.results().stream()).toList(), report);
    }

    /**
     * Writes the configuration into a new run directory, or checks that an existing one was started with the
     * same (the LLM's address and the directory itself may change between runs, and so may the list of seeds
     * of a run that lists them: config.json then records every seed ever run, so a report reads them all).
     */
    private static void claim(RunDir dir, RunConfig config) throws IOException {
        ObjectNode json = recorded(config);
        if (Files.exists(dir.config())) {
            // read back through RunConfig, so that a setting added since the run started compares at its default
            RunConfig before = JSON.readValue(dir.config().toFile(), RunConfig.class);
            if (!comparable(recorded(before)).equals(comparable(json))) {
                throw new ConfigException(dir.root() + " holds a run of another configuration (see its config.json);"
                        + " give this one another run directory");
            }
            List<Long> seeds = new ArrayList<>(before.seedList());
            config.seedList().stream().filter(s -> !seeds.contains(s)).forEach(seeds::add);
            if (seeds.size() == before.seedList().size()) {
                return;
            }
            json.set("seeds", JSON.valueToTree(seeds));
        }
        Files.createDirectories(dir.root());
        AtomicFiles.writeString(
                dir.config(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
    }

    /** {@code config} as config.json records it: without what may change between runs. */
    private static ObjectNode recorded(RunConfig config) {
        ObjectNode json = JSON.valueToTree(config);
        json.remove("runDir");
        ((ObjectNode) json.get("llm")).remove("url");
        return json;
    }

    /**
     * What must not change between runs in one directory: a run that lists seeds may list others (each keeps
     * its own directory), but not turn into a run of the one seed or back, which would move its files.
     */
    private static ObjectNode comparable(ObjectNode recorded) {
        ObjectNode json = recorded.deepCopy();
        if (!json.path("seeds").isNull() && !json.path("seeds").isMissingNode()) {
            json.remove("seed");
            json.put("seeds", "listed");
        }
        return json;
    }

    /** The ids of the public, private and test examples, for the record (and checked on a rerun). */
    private static void recordSplit(RunDir dir, TaskData data) throws IOException {
        // in a fixed order (a Map.of's changes between JVM starts), so every start writes the same file
        Map<String, List<QaExample>> parts = new LinkedHashMap<>();
        parts.put("public", data.publicPart());
        parts.put("private", data.privatePart());
        parts.put("test", data.test());
        ObjectNode split = JSON.createObjectNode();
        parts.forEach(
                (name, examples) -> examples.forEach(e -> split.withArray(name).add(e.id())));
        if (Files.exists(dir.split())) {
            if (!JSON.readTree(dir.split().toFile()).equals(split)) {
                throw new ConfigException(dir.split() + ": the data differs from the run's first start; give this"
                        + " run another run directory");
            }
            return;
        }
        AtomicFiles.writeString(
                dir.split(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(split) + "\n");
    }
}
