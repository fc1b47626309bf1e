package org.fedcot.pipeline.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
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
 * The paper's tables for whatever a run ran, in report/: report.md with every table, results.json with
 * every variant, and per table a directory (eval's {@link Report}: its Markdown, JSON and charts).
 * <ul>
 * <li>Table 2: the methods (main variants) on the dataset;</li>
 * <li>Table 4: FedCoT-E over the eps sweep, with the TokenRatio of the perturbed prompts;</li>
 * <li>Table 5: FedCoT-E (and FedCoT-A) with and without decoding;</li>
 * <li>Table 6: FedCoT-E on shares of the private training data;</li>
 * <li>Table 7: TokenRatio of the LLM's rationales for perturbed prompts against Non-Private's;</li>
 * <li>Table 8: TokenRatio of the decoded rationales against Non-Private's.</li>
 * </ul>
 * A table with no rows is left out.
 */
public final class PaperTables {
    private PaperTables() {
    }

    /**
     * Writes the report of {@code results} on {@code dataset} into {@code dir}.
     *
     * @param mainEpsilon the configured eps of FedCoT-E, which Tables 2, 5 and 6 show
     * @return report.md
     */
    public static Path write(List<VariantResult> results, String dataset, double mainEpsilon, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder("# FedCoT results: ").append(dataset).append("\n\n");
        Predicate<Variant> full = v -> v.fraction() >= 1;
        Predicate<Variant> main = v -> full.test(v) && v.decoding()
                && (v.method() != Method.FEDCOT_E || v.epsilon() == mainEpsilon);
        section(md, dir, "table2", "Table 2: accuracy of every method",
                table(results, dataset, main, VariantResult::promptTokenRatio), false);
        section(md, dir, "table4", "Table 4: FedCoT-E across eps (TokenRatio: perturbed vs raw prompts)",
                table(results, dataset, v -> v.method() == Method.FEDCOT_E && full.test(v) && v.decoding(),
                        VariantResult::promptTokenRatio), false);
        section(md, dir, "table5", "Table 5: with and without decoding",
                table(results, dataset, v -> v.method().isPrivate() && full.test(v)
                        && (v.method() != Method.FEDCOT_E || v.epsilon() == mainEpsilon), r -> null), false);
        section(md, dir, "table6", "Table 6: share of the private training data",
                table(results, dataset, v -> v.method() == Method.FEDCOT_E && v.decoding()
                        && v.epsilon() == mainEpsilon, r -> null), false);
        section(md, dir, "table7", "Table 7: TokenRatio of the LLM's rationales for perturbed prompts vs Non-Private's",
                table(results, dataset, v -> v.method().isPrivate() && full.test(v) && v.decoding(),
                        VariantResult::receivedTokenRatio), true);
        section(md, dir, "table8", "Table 8: TokenRatio of the decoded rationales vs Non-Private's",
                table(results, dataset, v -> v.method().isPrivate() && full.test(v) && v.decoding(),
                        VariantResult::usedTokenRatio), true);
        ResultJson.write(table(results, dataset, v -> true, VariantResult::promptTokenRatio), dir.resolve(Report.JSON));
        Path file = dir.resolve(Report.MARKDOWN);
        AtomicFiles.writeString(file, md.toString());
        return file;
    }

    /** The rows of the results {@code which} selects, the TokenRatio column from {@code ratio}. */
    static ResultTable table(List<VariantResult> results, String dataset, Predicate<Variant> which,
                             Function<VariantResult, Double> ratio) {
        List<ResultRow> rows = new ArrayList<>();
        for (VariantResult r : results) {
            if (which.test(r.variant())) {
                rows.add(new ResultRow(r.variant().label(), dataset, r.variant().epsilon(), r.accuracy(), ratio.apply(r)));
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
        if (!name.equals("table2") && table.rows().size() < 2 && !ratiosOnly) return;
        md.append("## ").append(title).append("\n\n");
        md.append(ratiosOnly ? MarkdownTables.tokenRatio(table) : Report.markdown(table, CellStyle.PLUS_MINUS)
                .replace("## ", "### "));
        md.append("\n");
        Report.write(table, dir.resolve(name), CellStyle.PLUS_MINUS);
    }
}
