package org.fedcot.pipeline.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fedcot.eval.report.CellStyle;
import org.fedcot.eval.report.MarkdownTables;
import org.fedcot.eval.report.Report;
import org.fedcot.eval.report.ResultJson;
import org.fedcot.eval.report.ResultRow;
import org.fedcot.eval.report.ResultTable;
import org.fedcot.models.checkpoint.AtomicFiles;
import org.fedcot.pipeline.Method;
import org.fedcot.pipeline.method.Variant;
import org.fedcot.pipeline.method.VariantResult;

/**
 * The paper's tables for whatever one run or several (one per dataset, the tables' columns) ran: report.md
 * with every table, results.json with every variant, and per table a directory (eval's {@link Report}: its
 * Markdown, JSON and charts).
 * <ul>
 * <li>Table 2: the methods (main variants) on each dataset;</li>
 * <li>Table 4: FedCoT-E over the eps sweep, with the TokenRatio of the perturbed prompts;</li>
 * <li>Table 5: FedCoT-E (and FedCoT-A) with and without decoding;</li>
 * <li>Table 6: FedCoT-E on shares of the private training data;</li>
 * <li>Table 7: TokenRatio of the LLM's rationales for perturbed prompts against Non-Private's;</li>
 * <li>Table 8: TokenRatio of the decoded rationales against Non-Private's;</li>
 * <li>the rationale filter's counts.</li>
 * </ul>
 * Accuracy tables come once per {@link Metric} measured (eval.mode); those of generated answers keep the
 * plain names (table2/, results.json), the others add the metric's suffix (table2-mc/, results-mc.json).
 * A table with no rows is left out.
 */
public final class PaperTables {
    /** Selects a table's variants of a run whose FedCoT-E runs at {@code mainEpsilon}. */
    @FunctionalInterface
    interface Selection {
        boolean test(Variant v, double mainEpsilon);
    }

    private static final Selection FULL = (v, e) -> v.fraction() >= 1;
    private static final Selection MAIN = (v, e) -> FULL.test(v, e) && v.decoding() && atMainEpsilon(v, e);
    private static final Selection EPSILONS = (v, e) -> v.method() == Method.FEDCOT_E && FULL.test(v, e) && v.decoding();
    private static final Selection DECODING = (v, e) -> v.method().isPrivate() && FULL.test(v, e) && atMainEpsilon(v, e);
    private static final Selection FRACTIONS = (v, e) -> v.method() == Method.FEDCOT_E && v.decoding() && v.epsilon() == e;
    private static final Selection PRIVATE = (v, e) -> v.method().isPrivate() && FULL.test(v, e) && v.decoding();

    private PaperTables() {
    }

    /**
     * Writes the report of {@code runs} into {@code dir}.
     *
     * @return report.md
     */
    public static Path write(List<RunResults> runs, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Metric> metrics = Metric.present(runs);
        StringBuilder md = new StringBuilder("# FedCoT results: ")
                .append(runs.stream().map(RunResults::dataset).collect(Collectors.joining(", "))).append("\n\n");
        for (Metric m : metrics) {
            section(md, dir, "table2" + m.suffix(), "Table 2: accuracy of every method (" + m.caption() + ")",
                    table(runs, MAIN, m, VariantResult::promptTokenRatio), false);
        }
        for (Metric m : metrics) {
            section(md, dir, "table4" + m.suffix(), "Table 4: FedCoT-E across eps (" + m.caption()
                    + "; TokenRatio: perturbed vs raw prompts)", table(runs, EPSILONS, m, VariantResult::promptTokenRatio),
                    false);
        }
        for (Metric m : metrics) {
            section(md, dir, "table5" + m.suffix(), "Table 5: with and without decoding (" + m.caption() + ")",
                    table(runs, DECODING, m, r -> null), false);
        }
        for (Metric m : metrics) {
            section(md, dir, "table6" + m.suffix(), "Table 6: share of the private training data (" + m.caption() + ")",
                    table(runs, FRACTIONS, m, r -> null), false);
        }
        Metric first = metrics.getFirst();
        section(md, dir, "table7", "Table 7: TokenRatio of the LLM's rationales for perturbed prompts vs Non-Private's",
                table(runs, PRIVATE, first, VariantResult::receivedTokenRatio), true);
        section(md, dir, "table8", "Table 8: TokenRatio of the decoded rationales vs Non-Private's",
                table(runs, PRIVATE, first, VariantResult::usedTokenRatio), true);
        md.append(RationaleTable.markdown(runs));
        for (Metric m : metrics) {
            ResultJson.write(table(runs, (v, e) -> true, m, VariantResult::promptTokenRatio),
                    dir.resolve("results" + m.suffix() + ".json"));
        }
        Path file = dir.resolve(Report.MARKDOWN);
        AtomicFiles.writeString(file, md.toString());
        return file;
    }

    /**
     * Whether {@code v} belongs with the main lines of a run at {@code mainEpsilon}: only FedCoT-E is held to
     * the configured eps (privacy.epsilon); FedCoT-A's eps is that of its encoder's targets (encoderEpsilon).
     */
    static boolean atMainEpsilon(Variant v, double mainEpsilon) {
        return v.method() != Method.FEDCOT_E || v.epsilon() == mainEpsilon;
    }

    /** The rows of the results {@code which} selects that {@code metric} measured, the TokenRatio column from {@code ratio}. */
    static ResultTable table(List<RunResults> runs, Selection which, Metric metric, Function<VariantResult, Double> ratio) {
        List<ResultRow> rows = new ArrayList<>();
        for (RunResults run : runs) {
            for (VariantResult r : run.results()) {
                if (which.test(r.variant(), run.epsilon()) && metric.of(r) != null) {
                    rows.add(new ResultRow(r.variant().label(), run.dataset(), r.variant().epsilon(), metric.of(r),
                            ratio.apply(r)));
                }
            }
        }
        return new ResultTable(rows);
    }

    /** Appends a table's section; a TokenRatio table with no ratios, or a table of one row where it compares, is left out. */
    private static void section(StringBuilder md, Path dir, String name, String title, ResultTable table,
                                boolean ratiosOnly) throws IOException {
        if (table.rows().isEmpty()) return;
        boolean anyRatio = table.rows().stream().anyMatch(r -> r.tokenRatio() != null);
        if (ratiosOnly && !anyRatio) return;
        boolean comparesLines = !name.startsWith("table2");
        if (comparesLines && table.lines().size() < 2 && !ratiosOnly) return;
        md.append("## ").append(title).append("\n\n");
        md.append(ratiosOnly ? MarkdownTables.tokenRatio(table) : Report.markdown(table, CellStyle.PLUS_MINUS)
                .replace("## ", "### "));
        md.append("\n");
        Report.write(table, dir.resolve(name), CellStyle.PLUS_MINUS);
    }
}
