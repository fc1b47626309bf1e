package org.fedcot.pipeline.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fedcot.pipeline.config.ConfigException;
import org.fedcot.pipeline.config.RunConfig;
import org.fedcot.pipeline.method.Variant;
import org.fedcot.pipeline.method.VariantPlan;
import org.fedcot.pipeline.method.VariantResult;
import org.fedcot.pipeline.run.RunDir;

/**
 * Reads a finished run directory back: its configuration (config.json) says which seeds and variants it plans,
 * and each seed must have its results/VARIANT.json (in seed-S/ when the config lists seeds). A problem is one {@link ConfigException} line naming the directory.
 */
public final class RunReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunReader() {}

    /**
     * The results of the run in {@code root}. Its dataset is the config's task.dataset, or, for a run whose
     * task came from a generator (the demo), the directory's name.
     *
     * @throws ConfigException when {@code root} is missing, not a run directory, or unfinished
     */
    public static RunResults read(Path root) throws IOException {
        RunDir dir = new RunDir(root);
        if (!Files.isDirectory(root)) {
            throw new ConfigException(root + ": no such run directory");
        }
        if (!Files.isRegularFile(dir.config())) {
            throw new ConfigException(root + ": not a run directory (no config.json)");
        }
        RunConfig config;
        try {
            config = JSON.readValue(dir.config().toFile(), RunConfig.class);
        } catch (IOException e) {
            throw new ConfigException(dir.config() + ": unreadable: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        List<Variant> plan = VariantPlan.of(config);
        List<SeedRun> seeds = new ArrayList<>();
        for (long seed : config.seedList()) {
            RunDir seedDir = dir.forSeed(seed, config.perSeedDirectories());
            List<String> missing = plan.stream()
                    .map(Variant::id)
                    .filter(id -> !Files.isRegularFile(seedDir.result(id)))
                    .toList();
            if (!missing.isEmpty()) {
                String where = config.perSeedDirectories() ? " (seed " + seed + ")" : "";
                throw new ConfigException(root + ": unfinished run" + where + ", " + (plan.size() - missing.size())
                        + " of " + plan.size() + " variants done (missing " + String.join(", ", missing)
                        + "); finish it with fedcot run");
            }
            List<VariantResult> results = new ArrayList<>();
            for (Variant v : plan) {
                results.add(VariantResult.read(seedDir.result(v.id())));
            }
            seeds.add(new SeedRun(seed, seedDir, results));
        }
        String dataset = config.task() != null && config.task().dataset() != null
                ? config.task().dataset()
                : root.toAbsolutePath().normalize().getFileName().toString();
        return new RunResults(dataset, config.privacy().epsilon(), seeds);
    }
}
