package org.fedcot.pipeline.report;

import java.util.List;
import org.fedcot.pipeline.method.VariantResult;
import org.fedcot.pipeline.run.RunDir;

/**
 * One seed's run of every planned variant: its results and where its per-question predictions are.
 *
 * @param seed    the seed
 * @param dir     the seed's run directory (predictions/), or null when only the results are known
 * @param results its variants' results, in plan order
 */
public record SeedRun(long seed, RunDir dir, List<VariantResult> results) {
    public SeedRun {
        results = List.copyOf(results);
    }
}
