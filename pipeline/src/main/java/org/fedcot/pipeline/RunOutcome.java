package org.fedcot.pipeline;

import java.nio.file.Path;
import java.util.List;
import org.fedcot.pipeline.method.VariantResult;

/**
 * What a finished run produced.
 *
 * @param results every variant's result, in plan order
 * @param report  the report's Markdown file
 */
public record RunOutcome(List<VariantResult> results, Path report) {
    public RunOutcome {
        results = List.copyOf(results);
    }
}
