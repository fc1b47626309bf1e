package org.fedcot.pipeline.report;

import java.util.List;
import org.fedcot.pipeline.method.VariantResult;

/**
 * The results of one run: one dataset, the columns it fills in the paper's tables, over one or more seeds.
 *
 * @param dataset the dataset's name (the column)
 * @param epsilon the run's configured eps of FedCoT-E (privacy.epsilon), which Tables 2 and 5 show
 * @param seeds   its seeds' runs, each of the same variants in plan order
 */
public record RunResults(String dataset, double epsilon, List<SeedRun> seeds) {
    /** Checks there is a seed and that every seed ran the first one's variants. */
    public RunResults {
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException(dataset + ": a run needs at least one seed");
        }
        List<String> plan = ids(seeds.getFirst().results());
        for (SeedRun s : seeds) {
            if (!ids(s.results()).equals(plan)) {
                throw new IllegalArgumentException(dataset + ": seed " + s.seed() + " ran " + ids(s.results())
                        + ", seed " + seeds.getFirst().seed() + " ran " + plan);
            }
        }
    }

    /** The first seed's results: the variants every seed ran, in plan order. */
    public List<VariantResult> results() {
        return seeds.getFirst().results();
    }

    /** Every seed's result of the variant with id {@code id}, in seed order. */
    public List<VariantResult> perSeed(String id) {
        return seeds.stream()
                .map(s -> s.results().stream()
                        .filter(r -> r.variant().id().equals(id))
                        .findFirst()
                        .orElseThrow())
                .toList();
    }

    private static List<String> ids(List<VariantResult> results) {
        return results.stream().map(r -> r.variant().id()).toList();
    }
}
