package org.fedcot.pipeline.report;

import java.util.List;
import java.util.Locale;
import org.fedcot.pipeline.method.RationaleCounts;
import org.fedcot.pipeline.method.VariantResult;
import org.fedcot.pipeline.run.RunDir;

/**
 * The rationale filter's counts of every variant that trains on rationales, as a Markdown section; a run of
 * several seeds shows the counts summed over them.
 */
final class RationaleTable {
    private RationaleTable() {}

    /** The section, or "" when no variant of {@code runs} trained on rationales. */
    static String markdown(List<RunResults> runs) {
        StringBuilder rows = new StringBuilder();
        for (RunResults run : runs) {
            for (VariantResult r : run.results()) {
                if (r.rationales() == null) {
                    continue;
                }
                RationaleCounts c = sum(run.perSeed(r.variant().id()));
                Double eps = r.variant().epsilon();
                rows.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s | %d | %d (%.1f%%) | %d |\n",
                        r.variant().label(),
                        eps == null ? "–" : RunDir.eps(eps),
                        run.dataset(),
                        c.offered(),
                        c.statingGold(),
                        c.offered() == 0 ? 0.0 : 100.0 * c.statingGold() / c.offered(),
                        c.kept()));
            }
        }
        if (rows.isEmpty()) {
            return "";
        }
        String seeds = runs.stream().anyMatch(r -> r.seeds().size() > 1) ? " (summed over the seeds)" : "";
        return "## Rationales trained on\n\n"
                + "Rationales the LLM (decoded, where the method decodes) gave for the private examples; with"
                + " filterRationales on, only those stating the gold answer are trained on" + seeds + ".\n\n"
                + "| Method | ε | Dataset | Rationales | State the gold answer | Trained on |\n"
                + "|---|---:|---|---:|---:|---:|\n" + rows + "\n";
    }

    /** The counts of {@code results} (one variant's, per seed) added up. */
    private static RationaleCounts sum(List<VariantResult> results) {
        return new RationaleCounts(
                results.stream().mapToInt(r -> r.rationales().offered()).sum(),
                results.stream().mapToInt(r -> r.rationales().statingGold()).sum(),
                results.stream().mapToInt(r -> r.rationales().kept()).sum());
    }
}
