package org.fedcot.eval.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fedcot.models.checkpoint.AtomicFiles;

/**
 * Everything a {@link ResultTable} is reported as, in one directory: {@value #MARKDOWN} (the paper's
 * tables: accuracy with 95% Wilson intervals, and TokenRatio where prompts were perturbed),
 * {@value #JSON} (every number, {@link ResultJson}), {@value #ACCURACY_CHART}, and for each dataset with
 * eps rows {@code accuracy-vs-eps-<dataset>.png} and, when those rows have TokenRatios,
 * {@code tokenratio-vs-eps-<dataset>.png}.
 */
public final class Report {
    /** The Markdown tables' file. */
    public static final String MARKDOWN = "report.md";
    /** The JSON file. */
    public static final String JSON = "results.json";
    /** The bar chart's file. */
    public static final String ACCURACY_CHART = "accuracy.png";

    private Report() {}

    /**
     * Writes the report of {@code table} into {@code dir} (created if needed), cells in {@code style}.
     *
     * @return the files written
     * @throws IllegalArgumentException when the table has no rows
     */
    public static List<Path> write(ResultTable table, Path dir, CellStyle style) throws IOException {
        if (table.rows().isEmpty()) {
            throw new IllegalArgumentException("the result table is empty: there is nothing to report");
        }
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Path md = dir.resolve(MARKDOWN);
        AtomicFiles.writeString(md, markdown(table, style));
        written.add(md);
        Path json = dir.resolve(JSON);
        ResultJson.write(table, json);
        written.add(json);
        Path bars = dir.resolve(ACCURACY_CHART);
        ChartWriter.accuracyBars(table, bars);
        written.add(bars);
        for (String dataset : table.datasets()) {
            List<ResultRow> privateRows = table.rows().stream()
                    .filter(r -> r.dataset().equals(dataset) && r.epsilon() != null)
                    .toList();
            if (privateRows.isEmpty()) {
                continue;
            }
            Path accuracy = dir.resolve("accuracy-vs-eps-" + fileName(dataset) + ".png");
            ChartWriter.accuracyVsEpsilon(table, dataset, accuracy);
            written.add(accuracy);
            if (privateRows.stream().anyMatch(r -> r.tokenRatio() != null)) {
                Path ratio = dir.resolve("tokenratio-vs-eps-" + fileName(dataset) + ".png");
                ChartWriter.tokenRatioVsEpsilon(table, dataset, ratio);
                written.add(ratio);
            }
        }
        return written;
    }

    /** The Markdown report: the accuracy table, then the TokenRatio table when there is one. */
    public static String markdown(ResultTable table, CellStyle style) {
        StringBuilder s = new StringBuilder("## Accuracy (%, 95% Wilson score interval)\n\n")
                .append(MarkdownTables.accuracy(table, style));
        String ratios = MarkdownTables.tokenRatio(table);
        if (!ratios.isEmpty()) {
            s.append("\n## TokenRatio\n\n").append(ratios);
        }
        return s.toString();
    }

    /** A dataset name made safe for a file name. */
    private static String fileName(String dataset) {
        return dataset.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
