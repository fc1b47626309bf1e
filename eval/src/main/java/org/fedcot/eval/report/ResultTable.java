package org.fedcot.eval.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The results of a set of runs, one {@link ResultRow} per (method, eps, dataset), which the pipeline
 * fills as runs finish and the reports read.
 *
 * <pre>{@code
 * ResultTable table = new ResultTable();
 * table.add(new ResultRow("Standalone", "cqa", null, Accuracy.count(predictions, Prediction::correct), null));
 * table.add(new ResultRow("FedCoT-E", "cqa", 2.0, accuracy, MeanTokenRatio.of(perturbed, originals)));
 * Report.write(table, runDir.resolve("report"), CellStyle.PLUS_MINUS);
 * }</pre>
 */
public final class ResultTable {
    private final List<ResultRow> rows = new ArrayList<>();

    /** An empty table. */
    public ResultTable() {}

    /** A table of {@code rows}, added in order. */
    public ResultTable(List<ResultRow> rows) {
        rows.forEach(this::add);
    }

    /**
     * Adds {@code row}.
     *
     * @throws IllegalArgumentException when the table already has a row for its method, eps and dataset
     */
    public ResultTable add(ResultRow row) {
        if (find(row.method(), row.epsilon(), row.dataset()).isPresent()) {
            throw new IllegalArgumentException(
                    "the table already has a result for " + row.line().label() + " on " + row.dataset());
        }
        rows.add(row);
        return this;
    }

    /** Every row, in the order added. */
    public List<ResultRow> rows() {
        return List.copyOf(rows);
    }

    /** The row of {@code method} at {@code epsilon} (null: none) on {@code dataset}, if there is one. */
    public Optional<ResultRow> find(String method, Double epsilon, String dataset) {
        return find(new MethodLine(method, epsilon), dataset);
    }

    /** The row of {@code line} on {@code dataset}, if there is one. */
    public Optional<ResultRow> find(MethodLine line, String dataset) {
        return rows.stream()
                .filter(r -> r.line().equals(line) && r.dataset().equals(dataset))
                .findFirst();
    }

    /** The datasets, in the order they first appear: the tables' columns. */
    public List<String> datasets() {
        return rows.stream().map(ResultRow::dataset).distinct().toList();
    }

    /** The methods, in the order they first appear. */
    public List<String> methods() {
        return rows.stream().map(ResultRow::method).distinct().toList();
    }

    /**
     * The tables' lines: methods in the order they first appear, each method's eps ascending after its
     * row without eps, so a table reads the same however the runs were ordered.
     */
    public List<MethodLine> lines() {
        List<String> methods = methods();
        return rows.stream()
                .map(ResultRow::line)
                .distinct()
                .sorted(Comparator.comparingInt((MethodLine l) -> methods.indexOf(l.method()))
                        .thenComparing(MethodLine::epsilon, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }
}
