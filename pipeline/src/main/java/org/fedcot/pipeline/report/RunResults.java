package org.fedcot.pipeline.report;

import java.util.List;
import org.fedcot.pipeline.method.VariantResult;

/**
 * The results of one run: one dataset, the columns it fills in the paper's tables.
 *
 * @param dataset the dataset's name (the column)
 * @param epsilon the run's configured eps of FedCoT-E (privacy.epsilon), which Tables 2, 5 and 6 show
 * @param results its variants' results, in plan order
 */
public record RunResults(String dataset, double epsilon, List<VariantResult> results) {
    public RunResults {
        results = List.copyOf(results);
    }
}
