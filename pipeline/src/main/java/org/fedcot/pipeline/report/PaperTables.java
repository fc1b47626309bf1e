package org.fedcot.pipeline.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fedcot.eval.report.CellStyle;
import org.fedcot.eval.report.Report;
import org.fedcot.eval.report.ResultJson;
import org.fedcot.eval.report.ResultRow;
import org.fedcot.eval.report.ResultTable;
import org.fedcot.eval.score.Accuracy;
import org.fedcot.models.checkpoint.AtomicFiles;
import org.fedcot.pipeline.Method;
import org.fedcot.pipeline.method.Variant;
import org.fedcot.pipeline.method.VariantResult;

/**
 * The paper's tables for whatever one run or several (one per dataset) ran: report.md with every table and its
 * statistics over the runs' seeds, results.json with every variant (accuracy pooled over the seeds), stats.json
 * with every statistic ({@link StatsJson}), and per accuracy table a directory (eval's {@link Report}: its
 * Markdown, JSON and charts, of the pooled accuracies).
 * <ul>
 * <li>Table 2: the methods (main variants) on each dataset;</li>
 * <li>Table 4: FedCoT-E over the eps sweep, with the TokenRatio of the perturbed prompts against the raw ones;</li>
 * <li>Table 5: FedCoT-E (and FedCoT-A) with and without decoding;</li>
 * <li>Table 6: TokenRatio of the LLM's rationales for the perturbed prompts against its rationales for the raw
 *     ones (Non-Private's), and the share of them stating the gold answer;</li>
 * <li>Table 7: the same for the decoded rationales, with the gold-answer share before and after decoding;</li>
 * <li>Table 8: FedCoT-E on shares of the private training data;</li>
 * <li>the rationale filter's counts.</li>
 * </ul>
 * Accuracy tables show the mean ± sd over seeds, the paired difference from Standalone and its exact McNemar
 * p-value over the pooled per-question pairs ({@link VariantStats}); they come once per {@link Metric} measured
 * (eval.mode): those of generated answers keep the plain names (table2/, results.json), the others add the
 * metric's suffix (table2-mc/, results-mc.json). A table with no rows is left out.
 */
public final class PaperTables {
    /** Selects a table's variants of a run whose FedCoT-E runs at {@code mainEpsilon}. */
    @FunctionalInterface
    interface Selection {
        boolean test(Variant v, double mainEpsilon);
    }

    private static final Selection FULL = (v, e) -> v.fraction() >= 1;
    private static final Selection MAIN = (v, e) -> FULL.test(v, e) && v.decoding() && atMainEpsilon(v, e);
    private static final Selection EPSILONS =
            (v, e) -> v.method() == Method.FEDCOT_E && FULL.test(v, e) && v.decoding();
    private static final Selection DECODING =
            (v, e) -> v.method().isPrivate() && FULL.test(v, e) && atMainEpsilon(v, e);
    private static final Selection FRACTIONS =
            (v, e) -> v.method() == Method.FEDCOT_E && v.decoding() && v.epsilon() == e;
    private static final Selection PRIVATE = (v, e) -> v.method().isPrivate() && FULL.test(v, e) && v.decoding();
    private static final String PROMPT_RATIO = "TokenRatio (perturbed vs raw prompts)";

    private PaperTables() {}

    /**
     * Writes the report of {@code runs} into {@code dir}.
     *
     * @return report.md
     */
    public static Path write(List<RunResults> runs, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Metric> metrics = Metric.present(runs);
        StringBuilder md = new StringBuilder("# FedCoT results: ")
                .append(runs.stream().map(RunResults::dataset).collect(Collectors.joining(", ")))
                .append("\n\n")
                .append(StatsTables.legend(runs));
        for (Metric m : metrics) {
            section(
                    md,
                    runs,
                    dir,
                    "table2" + m.suffix(),
                    "Table 2: accuracy of every method (" + m.caption() + ")",
                    MAIN,
                    m,
                    PROMPT_RATIO,
                    false);
        }
        for (Metric m : metrics) {
            section(
                    md,
                    runs,
                    dir,
                    "table4" + m.suffix(),
                    "Table 4: FedCoT-E across eps (" + m.caption() + ")",
                    EPSILONS,
                    m,
                    PROMPT_RATIO,
                    true);
        }
        for (Metric m : metrics) {
            section(
                    md,
                    runs,
                    dir,
                    "table5" + m.suffix(),
                    "Table 5: with and without decoding (" + m.caption() + ")",
                    DECODING,
                    m,
                    null,
                    true);
        }
        List<StatsTables.Row> rationaleRows = StatsTables.rows(runs, PRIVATE, metrics.getFirst());
        rationaleSection(
                md,
                "Table 6: TokenRatio of the LLM's rationales for perturbed prompts vs for raw prompts",
                StatsTables.rationales(rationaleRows, false));
        rationaleSection(
                md,
                "Table 7: TokenRatio of the decoded rationales vs the LLM's rationales for raw prompts",
                StatsTables.rationales(rationaleRows, true));
        for (Metric m : metrics) {
            section(
                    md,
                    runs,
                    dir,
                    "table8" + m.suffix(),
                    "Table 8: share of the private training data (" + m.caption() + ")",
                    FRACTIONS,
                    m,
                    null,
                    true);
        }
        md.append(RationaleTable.markdown(runs));
        for (Metric m : metrics) {
            ResultJson.write(
                    table(runs, (v, e) -> true, m, VariantResult::promptTokenRatio),
                    dir.resolve("results" + m.suffix() + ".json"));
        }
        StatsJson.write(runs, metrics, dir.resolve(StatsJson.FILE));
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

    /**
     * The rows of the results {@code which} selects that {@code metric} measured, accuracy pooled over the seeds,
     * the TokenRatio column from {@code ratio} (the first seed's).
     */
    static ResultTable table(
            List<RunResults> runs, Selection which, Metric metric, Function<VariantResult, Double> ratio) {
        List<ResultRow> rows = new ArrayList<>();
        for (RunResults run : runs) {
            for (VariantResult r : run.results()) {
                if (which.test(r.variant(), run.epsilon()) && metric.of(r) != null) {
                    List<VariantResult> seeds = run.perSeed(r.variant().id());
                    Accuracy pooled = new Accuracy(
                            seeds.stream().mapToInt(s -> metric.of(s).correct()).sum(),
                            seeds.stream().mapToInt(s -> metric.of(s).total()).sum());
                    rows.add(new ResultRow(
                            r.variant().label(), run.dataset(), r.variant().epsilon(), pooled, ratio.apply(r)));
                }
            }
        }
        return new ResultTable(rows);
    }

    /**
     * Appends an accuracy table's section and writes its directory; a table of one line where it compares
     * ({@code compares}: every table but Table 2) is left out.
     */
    private static void section(
            StringBuilder md,
            List<RunResults> runs,
            Path dir,
            String name,
            String title,
            Selection which,
            Metric metric,
            String ratioHeader,
            boolean compares)
            throws IOException {
        ResultTable table = table(runs, which, metric, VariantResult::promptTokenRatio);
        if (table.rows().isEmpty()) {
            return;
        }
        if (compares && table.lines().size() < 2) {
            return;
        }
        List<StatsTables.Row> rows = StatsTables.rows(runs, which, metric);
        md.append("## ")
                .append(title)
                .append("\n\n")
                .append(StatsTables.accuracy(rows, ratioHeader, RationaleStats::promptRatio))
                .append("\n");
        Report.write(table, dir.resolve(name), CellStyle.PLUS_MINUS);
    }

    /** Appends a rationale table's section, unless it is empty. */
    private static void rationaleSection(StringBuilder md, String title, String table) {
        if (table.isEmpty()) {
            return;
        }
        md.append("## ").append(title).append("\n\n").append(table).append("\n");
    }
}
