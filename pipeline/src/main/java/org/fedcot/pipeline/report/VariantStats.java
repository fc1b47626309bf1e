package org.fedcot.pipeline.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fedcot.eval.score.Accuracy;
import org.fedcot.eval.score.McNemar;
import org.fedcot.pipeline.Method;
import org.fedcot.pipeline.method.Variant;
import org.fedcot.pipeline.method.VariantResult;

/**
 * What a report says of one variant by one metric over a run's seeds: the accuracy of each seed, their mean and
 * sample standard deviation, and the paired comparison with Standalone: the mean over seeds of the difference
 * and the exact McNemar test over the per-question pairs of all seeds together.
 *
 * @param variant    the variant
 * @param seeds      the seeds, in order
 * @param accuracies each seed's accuracy, in [0, 1]
 * @param pooled     correct and total over all seeds
 * @param difference mean over seeds of (accuracy - Standalone's), null when there is no Standalone to compare with
 * @param test       McNemar against Standalone over the pooled pairs, null without Standalone or saved predictions
 * @param pairs      questions paired with Standalone's, over all seeds (0 without a test)
 */
public record VariantStats(
        Variant variant,
        List<Long> seeds,
        List<Double> accuracies,
        Accuracy pooled,
        Double difference,
        McNemar test,
        int pairs) {
    public VariantStats {
        seeds = List.copyOf(seeds);
        accuracies = List.copyOf(accuracies);
    }

    /**
     * The statistics of the variant {@code id} of {@code run} by {@code metric}, or null when that metric did not
     * score it.
     */
    public static VariantStats of(RunResults run, String id, Metric metric) throws IOException {
        List<VariantResult> results = run.perSeed(id);
        if (results.stream().anyMatch(r -> metric.of(r) == null)) {
            return null;
        }
        Variant variant = results.getFirst().variant();
        List<Long> seeds = run.seeds().stream().map(SeedRun::seed).toList();
        List<Double> accuracies =
                results.stream().map(r -> metric.of(r).value()).toList();
        int correct = results.stream().mapToInt(r -> metric.of(r).correct()).sum();
        int total = results.stream().mapToInt(r -> metric.of(r).total()).sum();
        String baseline = new Variant(Method.STANDALONE, null, true, 1).id();
        boolean comparable = variant.method() != Method.STANDALONE
                && run.results().stream().anyMatch(r -> r.variant().id().equals(baseline))
                && run.perSeed(baseline).stream().allMatch(r -> metric.of(r) != null);
        if (!comparable)
            return new VariantStats(variant, seeds, accuracies, new Accuracy(correct, total), null, null, 0);
        List<Double> base =
                run.perSeed(baseline).stream().map(r -> metric.of(r).value()).toList();
        double difference = 0;
        for (int i = 0; i < base.size(); i++) {
            difference += (accuracies.get(i) - base.get(i)) / base.size();
        }
        McNemar test = new McNemar(0, 0);
        int pairs = 0;
        for (SeedRun s : run.seeds()) {
            Map<String, Boolean> mine = s.dir() == null ? null : Outcomes.read(s.dir(), id, metric);
            Map<String, Boolean> theirs = s.dir() == null ? null : Outcomes.read(s.dir(), baseline, metric);
            if (mine == null || theirs == null) {
                return new VariantStats(variant, seeds, accuracies, new Accuracy(correct, total), difference, null, 0);
            }
            List<Boolean> a = new ArrayList<>();
            List<Boolean> b = new ArrayList<>();
            for (Map.Entry<String, Boolean> e : mine.entrySet()) {
                Boolean other = theirs.get(e.getKey());
                if (other != null) {
                    a.add(e.getValue());
                    b.add(other);
                }
            }
            test = test.plus(McNemar.of(a, b));
            pairs += a.size();
        }
        return new VariantStats(variant, seeds, accuracies, new Accuracy(correct, total), difference, test, pairs);
    }

    /** The mean accuracy over the seeds. */
    public double mean() {
        return accuracies.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** The sample standard deviation of the seeds' accuracies; NaN for one seed. */
    public double sd() {
        int n = accuracies.size();
        if (n < 2) {
            return Double.NaN;
        }
        double m = mean();
        double ss = accuracies.stream().mapToDouble(a -> (a - m) * (a - m)).sum();
        return Math.sqrt(ss / (n - 1));
    }

    /** Whether the difference from Standalone is significant (McNemar p < 0.05). */
    public boolean significant() {
        return test != null && test.significant();
    }
}
