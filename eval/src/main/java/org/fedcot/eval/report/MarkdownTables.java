package org.fedcot.eval.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The paper's table layout in Markdown: one line per method (and eps), one column per dataset, "–"
 * where a method was not run on a dataset.
 */
public final class MarkdownTables {
    private static final String MISSING = "–";

    private MarkdownTables() {}

    /** Accuracy (%) with its 95% Wilson interval in every cell. */
    public static String accuracy(ResultTable table, CellStyle style) {
        return render(table, table.lines(), r -> Optional.of(style.format(r.accuracy())));
    }

    /** Mean TokenRatio in every cell, for the lines that have one on some dataset; empty when none has. */
    public static String tokenRatio(ResultTable table) {
        List<MethodLine> lines = table.lines().stream()
                .filter(l -> table.datasets().stream().anyMatch(d -> table.find(l, d)
                        .map(r -> r.tokenRatio() != null)
                        .orElse(false)))
                .toList();
        if (lines.isEmpty()) {
            return "";
        }
        return render(
                table, lines, r -> Optional.ofNullable(r.tokenRatio()).map(t -> String.format(Locale.ROOT, "%.3f", t)));
    }

    private static String render(
            ResultTable table, List<MethodLine> lines, Function<ResultRow, Optional<String>> cell) {
        List<String> datasets = table.datasets();
        StringBuilder s = new StringBuilder("| Method |");
        datasets.forEach(d -> s.append(' ').append(d).append(" |"));
        s.append("\n|---|");
        datasets.forEach(d -> s.append("---:|"));
        s.append('\n');
        for (MethodLine line : lines) {
            s.append("| ").append(line.label()).append(" |");
            for (String d : datasets) {
                s.append(' ')
                        .append(table.find(line, d).flatMap(cell).orElse(MISSING))
                        .append(" |");
            }
            s.append('\n');
        }
        return s.toString();
    }
}
