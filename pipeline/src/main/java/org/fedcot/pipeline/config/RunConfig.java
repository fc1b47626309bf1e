package org.fedcot.pipeline.config;

import java.util.Arrays;
import java.util.List;
import org.fedcot.pipeline.Method;

/**
 * A whole run, as a YAML file states it (see examples/). Unset sections take the paper's defaults.
 *
 * @param seed             seed of every random choice: splits, perturbation, data order, initialisation
 * @param seeds            the seeds to run, each a whole run of every method (their mean, spread and pooled paired
 *                         tests make the report); null: the one {@code seed}, in the run directory itself
 * @param runDir           the run directory, the pipeline's memory; {@code --run-dir} overrides it
 * @param task             the private task
 * @param slm              the client's small model
 * @param llm              the server's large model
 * @param privacy          the exponential-mechanism encoder (needed by FedCoT-E and FedCoT-A)
 * @param train            SLM training
 * @param generation       SLM generation lengths
 * @param eval             how the SLMs are scored (default: generated answers)
 * @param methods          the methods to run, by their config names (default: all six)
 * @param ablations        FedCoT-E's ablations
 * @param filterRationales train only on rationales whose stated answer is the gold one (default true)
 */
public record RunConfig(
        Long seed,
        List<Long> seeds,
        String runDir,
        TaskSettings task,
        SlmSettings slm,
        LlmSettings llm,
        PrivacySettings privacy,
        TrainSettings train,
        GenerationSettings generation,
        EvalSettings eval,
        List<String> methods,
        AblationSettings ablations,
        Boolean filterRationales) {
    /** Fills unset values with the defaults. */
    public RunConfig {
        seed = seed == null ? 42L : seed;
        seeds = seeds == null ? null : List.copyOf(seeds);
        llm = llm == null ? LlmSettings.defaults() : llm;
        privacy = privacy == null ? PrivacySettings.defaults() : privacy;
        train = train == null ? TrainSettings.defaults() : train;
        generation = generation == null ? GenerationSettings.defaults() : generation;
        eval = eval == null ? EvalSettings.defaults() : eval;
        methods = methods == null
                ? Arrays.stream(Method.values()).map(Method::configName).toList()
                : List.copyOf(methods);
        ablations = ablations == null ? AblationSettings.none() : ablations;
        filterRationales = filterRationales == null || filterRationales;
    }

    /** The seeds to run: {@code seeds}, or the one {@code seed}. */
    public List<Long> seedList() {
        return seeds != null ? seeds : List.of(seed);
    }

    /**
     * Whether each seed runs in a directory of its own under the run directory ({@code seeds} set), rather than
     * the one {@code seed} in the run directory itself (as runs did before seeds existed).
     */
    public boolean perSeedDirectories() {
        return seeds != null;
    }

    /** This configuration for one of its seeds: every random choice of that seed's run takes {@code s}. */
    public RunConfig withSeed(long s) {
        return new RunConfig(
                s,
                seeds,
                runDir,
                task,
                slm,
                llm,
                privacy,
                train,
                generation,
                eval,
                methods,
                ablations,
                filterRationales);
    }

    /** The methods to run, parsed. */
    public List<Method> methodList() {
        return methods.stream().map(Method::fromName).toList();
    }
}
