package org.fedcot.cli.bench;

import java.util.Arrays;
import java.util.function.IntConsumer;

/** What every {@code fedcot bench} command does the same way: the JIT warm-up and the median. */
public final class Timings {
    private Timings() {}

    /**
     * Runs {@code body} untimed at least {@code minRuns} times and for at least {@code minNanos}, so the
     * JIT has compiled the hot loops before anything is timed; none at all when {@code minRuns} is 0.
     * Returns how many runs it took; {@code body} receives the run's index.
     */
    public static int warmUp(int minRuns, long minNanos, IntConsumer body) {
        long start = System.nanoTime();
        int runs = 0;
        while (minRuns > 0 && (runs < minRuns || System.nanoTime() - start < minNanos)) {
            body.accept(runs++);
        }
        return runs;
    }

    /** The median of {@code values} (the mean of the middle two for an even count); the array is left as is. */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return (sorted[(n - 1) / 2] + sorted[n / 2]) / 2;
    }
}
