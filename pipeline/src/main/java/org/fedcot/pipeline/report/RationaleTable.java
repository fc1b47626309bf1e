package org.fedcot.pipeline.report;

import java.util.List;
import java.util.Locale;
import org.fedcot.pipeline.method.RationaleCounts;
import org.fedcot.pipeline.method.VariantResult;
import org.fedcot.pipeline.run.RunDir;

/** The rationale filter's counts of every variant that trains on rationales, as a Markdown section. */
final class RationaleTable {
    private RationaleTable() {
    }

    /** The section, or "" when no variant of {@code runs} trained on rationales. */
    static String markdown(List<RunResults> runs) {
        StringBuilder rows = new StringBuilder();
        for (RunResults run : runs) {
            for (VariantResult r : run.results()) {
                RationaleCounts c = r.rationales();
                if (c == null) continue;
                Double eps = r.variant().epsilon();
                rows.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d (%.1f%%) | %d |\n", r.variant().label(),
                        eps == null ? "–" : RunDir.eps(eps), run.dataset(), c.offered(), c.statingGold(),
                        c.offered() == 0 ? 0.0 : 100.0 * c.statingGold() / c.offered(), c.kept()));
            }
        }
        if (rows.isEmpty()) return "";
        return "## Rationales trained on\n\n"
                + "Rationales the LLM (decoded, where the method decodes) gave for the private examples; with"
                + " filterRationales on, only those stating the gold answer are trained on.\n\n"
                + "| Method | ε | Dataset | Rationales | State the gold answer | Trained on |\n"
                + "|---|---:|---|---:|---:|---:|\n" + rows + "\n";
    }
}
