package org.fedcot.pipeline.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fedcot.eval.report.MethodLine;
import org.fedcot.eval.score.Accuracy;
import org.fedcot.pipeline.method.Variant;
import org.fedcot.pipeline.method.VariantResult;

/**
 * The report's tables in Markdown, with the statistics over seeds: accuracy tables (mean ± sd over seeds, the
 * paired difference from Standalone and its exact McNemar p over the pooled pairs, a significant p marked) and
 * the rationale tables (TokenRatios and the share of rationales stating the gold answer). One row per variant
 * and dataset.
 */
final class StatsTables {
    private static final String NONE = "–";

    private StatsTables() {}

    /** A selected variant of one run, with its statistics. */
    record Row(RunResults run, Variant variant, VariantStats stats, RationaleStats rationales) {}

    /** The variants of {@code runs} that {@code which} selects and {@code metric} scored, each run's in table order. */
    static List<Row> rows(List<RunResults> runs, PaperTables.Selection which, Metric metric) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (RunResults run : runs) {
            List<Variant> variants = run.results().stream()
                    .map(VariantResult::variant)
                    .filter(v -> which.test(v, run.epsilon()))
                    .sorted(ORDER)
                    .toList();
            for (Variant v : variants) {
                VariantStats stats = VariantStats.of(run, v.id(), metric);
                if (stats != null) {
                    rows.add(new Row(run, v, stats, RationaleStats.of(run.perSeed(v.id()))));
                }
            }
        }
        return rows;
    }

    /** Methods in their order, each one's eps ascending, decoded before not, more data before less. */
    private static final Comparator<Variant> ORDER = Comparator.comparing(Variant::method)
            .thenComparing(Variant::epsilon, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(v -> !v.decoding())
            .thenComparing(v -> -v.fraction());

    /** What the accuracy tables' columns mean, and over which seeds. */
    static String legend(List<RunResults> runs) {
        String seeds = runs.stream()
                .map(r -> (runs.size() > 1 ? r.dataset() + ": " : "")
                        + r.seeds().size()
                        + (r.seeds().size() == 1 ? " seed (" : " seeds (")
                        + r.seeds().stream().map(s -> Long.toString(s.seed())).collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining("; "));
        return "Accuracy: mean over " + seeds + ", ± the sample standard deviation across seeds where there are"
                + " several. Δ: the mean paired difference from Standalone, in points. p: exact two-sided McNemar"
                + " test (binomial over the discordant pairs) of the method against Standalone, the test questions of"
                + " all seeds pooled; n: those pairs. `*` marks p < 0.05.\n\n";
    }

    /** An accuracy table of {@code rows}, with a TokenRatio column from {@code ratio} when {@code ratioHeader} is set. */
    static String accuracy(List<Row> rows, String ratioHeader, Function<RationaleStats, Double> ratio) {
        boolean ratios = ratioHeader != null && rows.stream().anyMatch(r -> ratio.apply(r.rationales()) != null);
        StringBuilder s = new StringBuilder("| Method | Dataset | Accuracy (%) | Δ vs Standalone | p | n |");
        s.append(ratios ? " " + ratioHeader + " |\n" : "\n")
                .append("|---|---|---:|---:|---:|---:|")
                .append(ratios ? "---:|\n" : "\n");
        for (Row r : rows) {
            VariantStats st = r.stats();
            s.append("| ")
                    .append(label(r.variant()))
                    .append(" | ")
                    .append(r.run().dataset())
                    .append(" | ")
                    .append(percent(st.mean()))
                    .append(Double.isNaN(st.sd()) ? "" : " ± " + percent(st.sd()))
                    .append(" | ")
                    .append(st.difference() == null ? NONE : String.format(Locale.ROOT, "%+.1f", 100 * st.difference()))
                    .append(" | ")
                    .append(st.test() == null ? NONE : p(st.test().p()) + (st.significant() ? " *" : ""))
                    .append(" | ")
                    .append(st.test() == null ? NONE : Integer.toString(st.pairs()))
                    .append(" |");
            if (ratios) {
                s.append(' ').append(ratio(ratio.apply(r.rationales()))).append(" |");
            }
            s.append('\n');
        }
        return s.toString();
    }

    /**
     * Table 6 ({@code decoded} false: the LLM's rationales for the perturbed prompts) or Table 7 (true: the decoded
     * ones), each against the LLM's rationales for the raw prompts, with the share stating the gold answer; empty
     * when no row has a measure.
     */
    static String rationales(List<Row> rows, boolean decoded) {
        List<Row> measured = rows.stream()
                .filter(r -> decoded
                        ? r.rationales().usedRatio() != null || r.rationales().goldAfter() != null
                        : r.rationales().receivedRatio() != null
                                || r.rationales().goldBefore() != null)
                .toList();
        if (measured.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder(
                decoded
                        ? "| Method | Dataset | TokenRatio (decoded vs raw-prompt rationales) | State the gold answer:"
                                + " before decoding | after decoding |\n|---|---|---:|---:|---:|\n"
                        : "| Method | Dataset | TokenRatio (perturbed- vs raw-prompt rationales) | State the gold"
                                + " answer |\n|---|---|---:|---:|\n");
        for (Row r : measured) {
            RationaleStats st = r.rationales();
            s.append("| ")
                    .append(label(r.variant()))
                    .append(" | ")
                    .append(r.run().dataset())
                    .append(" | ")
                    .append(ratio(decoded ? st.usedRatio() : st.receivedRatio()))
                    .append(" | ")
                    .append(share(st.goldBefore()))
                    .append(" |");
            if (decoded) {
                s.append(' ').append(share(st.goldAfter())).append(" |");
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** "Standalone", "FedCoT-E w/o decoding (ε=3)". */
    private static String label(Variant v) {
        return new MethodLine(v.label(), v.epsilon()).label();
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f", 100 * v);
    }

    private static String ratio(Double v) {
        return v == null ? NONE : String.format(Locale.ROOT, "%.3f", v);
    }

    /** "151/200 (75.5%)", or "–". */
    static String share(Accuracy a) {
        return a == null ? NONE : String.format(Locale.ROOT, "%d/%d (%.1f%%)", a.correct(), a.total(), 100 * a.value());
    }

    /** A p-value in 3 significant digits, "<0.0001" below that. */
    private static String p(double p) {
        return p < 1e-4 ? "<0.0001" : String.format(Locale.ROOT, "%.3g", p);
    }
}
