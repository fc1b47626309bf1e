package org.fedcot.pipeline.run;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The layout of a run directory, the pipeline's memory. A run of the one {@code seed} keeps everything in the
 * run directory itself; a run that lists {@code seeds} keeps config.json and report/ there and the rest of each
 * seed's run in {@code seed-S/} ({@link #forSeed}), laid out the same:
 * <pre>
 * config.json                  the effective configuration (a rerun must match it)
 * llm-cache.jsonl              every LLM answer (the client's response cache): never asked twice
 * split.json                   ids of the public, private and test examples
 * stages/NAME.jsonl            per-example stage outputs (perturbed prompts, rationales, decoded ones)
 * models/VARIANT/checkpoint-N  trained SLMs, the last checkpoint being the finished model
 * predictions/VARIANT.jsonl    per-question predictions (generated answers)
 * predictions/VARIANT.mc.jsonl per-question log-likelihoods of the choices (eval.mode mc or both)
 * results/VARIANT.json         a finished variant's accuracy and TokenRatios
 * report/                      the paper's tables (report.md), results.json and charts
 * </pre>
 *
 * @param root the directory
 */
public record RunDir(Path root) {
    /** The effective configuration. */
    public Path config() {
        return root.resolve("config.json");
    }

    /** The LLM client's response cache. */
    public Path llmCache() {
        return root.resolve("llm-cache.jsonl");
    }

    /** The ids of the split. */
    public Path split() {
        return root.resolve("split.json");
    }

    /** The output of stage {@code name}. */
    public Path stage(String name) {
        return root.resolve("stages").resolve(name + ".jsonl");
    }

    /** Checkpoints of the SLM trained for {@code name}. */
    public Path model(String name) {
        return root.resolve("models").resolve(name);
    }

    /** Predictions of {@code variant}. */
    public Path predictions(String variant) {
        return root.resolve("predictions").resolve(variant + ".jsonl");
    }

    /** Multiple-choice predictions of {@code variant}. */
    public Path choicePredictions(String variant) {
        return root.resolve("predictions").resolve(variant + ".mc.jsonl");
    }

    /** The result of a finished {@code variant}. */
    public Path result(String variant) {
        return root.resolve("results").resolve(variant + ".json");
    }

    /** The report directory. */
    public Path report() {
        return root.resolve("report");
    }

    /**
     * Where the run of {@code seed} keeps its files: {@code seed-S/} under this directory when
     * {@code perSeedDirectories} (the config lists seeds), else this directory.
     */
    public RunDir forSeed(long seed, boolean perSeedDirectories) {
        return perSeedDirectories ? new RunDir(root.resolve("seed-" + seed)) : this;
    }

    /** eps as file names write it: "3", "0.5". */
    public static String eps(double eps) {
        return eps == Math.rint(eps) ? Long.toString((long) eps) : String.format(Locale.ROOT, "%s", eps);
    }
}
