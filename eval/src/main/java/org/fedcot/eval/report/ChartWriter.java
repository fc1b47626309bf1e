package org.fedcot.eval.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.fedcot.eval.score.Accuracy;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG charts of a {@link ResultTable} (XChart), drawn off-screen: accuracy per method and dataset as
 * bars, and accuracy and TokenRatio against eps as one line per method. Error bars span ± half the 95%
 * Wilson interval's width around the accuracy, as the tables' "±" does (XChart draws symmetric bars; the
 * interval itself is in the JSON).
 */
public final class ChartWriter {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 540;

    static {
        // no display is needed, or wanted on a server: AWT must not look for one
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ChartWriter() {}

    /** Accuracy (%) of every line of the table on every dataset: datasets along x, one bar series per line. */
    public static void accuracyBars(ResultTable table, Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Accuracy with 95% Wilson intervals")
                .xAxisTitle("dataset")
                .yAxisTitle("accuracy (%)")
                .build();
        style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0);
        List<String> datasets = table.datasets();
        for (MethodLine line : table.lines()) {
            List<Double> acc = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            for (String d : datasets) {
                // a line not run on a dataset gets an empty bar, so the series stay aligned with the categories
                Accuracy a = table.find(line, d).map(ResultRow::accuracy).orElse(null);
                acc.add(a == null ? 0.0 : 100 * a.value());
                err.add(a == null ? 0.0 : 100 * a.interval().halfWidth());
            }
            chart.addSeries(line.label(), datasets, acc, err);
        }
        save(chart, png);
    }

    /**
     * Accuracy (%) against eps on {@code dataset}: a line per method with eps, and a dashed level line
     * across the eps range for each method without (the non-private baselines).
     */
    public static void accuracyVsEpsilon(ResultTable table, String dataset, Path png) throws IOException {
        XYChart chart = lineChart("Accuracy vs ε on " + dataset, "accuracy (%)");
        byEpsilon(
                table,
                dataset,
                chart,
                r -> 100 * r.accuracy().value(),
                r -> 100 * r.accuracy().interval().halfWidth());
        save(chart, png);
    }

    /** Mean TokenRatio against eps on {@code dataset}, a line per method (rows without a TokenRatio left out). */
    public static void tokenRatioVsEpsilon(ResultTable table, String dataset, Path png) throws IOException {
        XYChart chart = lineChart("TokenRatio vs ε on " + dataset, "TokenRatio");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        byEpsilon(table, dataset, chart, ResultRow::tokenRatio, null);
        save(chart, png);
    }

    /**
     * The privacy-utility trade-off: accuracy (%) against the share of private words an attack recovers (%), a
     * point per release ({@code labels}, e.g. "eps 3"), one series per attack.
     */
    public static void privacyUtility(
            List<String> labels, double[] nearest, double[] bayes, double[] accuracy, Path png) throws IOException {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Privacy vs utility (" + String.join(", ", labels) + ")")
                .xAxisTitle("private words recovered by the attack (%)")
                .yAxisTitle("accuracy (%)")
                .build();
        style(chart.getStyler());
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(100.0);
        double[] acc = Arrays.stream(accuracy).map(a -> 100 * a).toArray();
        chart.addSeries(
                "nearest-neighbour inversion",
                Arrays.stream(nearest).map(x -> 100 * x).toArray(),
                acc);
        chart.addSeries(
                "Bayesian inversion", Arrays.stream(bayes).map(x -> 100 * x).toArray(), acc);
        save(chart, png);
    }

    private static XYChart lineChart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("ε")
                .yAxisTitle(yTitle)
                .build();
        style(chart.getStyler());
        return chart;
    }

    /** Adds the series of {@code dataset}'s rows: y values from {@code y}, error bars from {@code err} when not null. */
    private static void byEpsilon(
            ResultTable table,
            String dataset,
            XYChart chart,
            Function<ResultRow, Double> y,
            Function<ResultRow, Double> err) {
        List<ResultRow> rows = table.rows().stream()
                .filter(r -> r.dataset().equals(dataset) && y.apply(r) != null)
                .toList();
        List<ResultRow> privateRows =
                rows.stream().filter(r -> r.epsilon() != null).toList();
        if (privateRows.isEmpty()) {
            throw new IllegalArgumentException("no rows with eps on " + dataset + " to draw against eps");
        }
        double lo = privateRows.stream().mapToDouble(ResultRow::epsilon).min().orElseThrow();
        double hi = privateRows.stream().mapToDouble(ResultRow::epsilon).max().orElseThrow();
        for (String method : table.methods()) {
            List<ResultRow> mine = privateRows.stream()
                    .filter(r -> r.method().equals(method))
                    .sorted(Comparator.comparing(ResultRow::epsilon))
                    .toList();
            if (!mine.isEmpty()) {
                double[] xs = mine.stream().mapToDouble(ResultRow::epsilon).toArray();
                double[] ys = mine.stream().mapToDouble(y::apply).toArray();
                if (err == null) {
                    chart.addSeries(method, xs, ys);
                } else {
                    chart.addSeries(
                            method,
                            xs,
                            ys,
                            mine.stream().mapToDouble(err::apply).toArray());
                }
                continue;
            }
            rows.stream()
                    .filter(r -> r.method().equals(method) && r.epsilon() == null)
                    .findFirst()
                    .ifPresent(r -> {
                        double level = y.apply(r);
                        XYSeries s = chart.addSeries(method, new double[] {lo, hi}, new double[] {level, level});
                        s.setLineStyle(SeriesLines.DASH_DASH);
                        s.setMarker(SeriesMarkers.NONE);
                    });
        }
    }

    private static void style(Styler styler) {
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartBackgroundColor(Color.WHITE);
    }

    private static void save(Chart<?, ?> chart, Path png) throws IOException {
        Files.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}
