package org.fedcot.tensor.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits a kernel's parallel index {@code [0, n)} into one contiguous range per core. The calling
 * thread runs the first range itself. Calls made from inside a worker run serially, so kernels may
 * nest (attention over heads calling a matmul) without oversubscribing or deadlocking.
 */
public final class Parallel {
    /** The body of a kernel over the sub-range {@code [lo, hi)} of its parallel index. */
    @FunctionalInterface
    public interface Range {
        void run(int lo, int hi);
    }

    /** Below this much work (items x cost) a split costs more than it saves. */
    private static final long MIN_PARALLEL_WORK = 1L << 15;
    private static final int THREADS = Integer.getInteger("fedcot.threads", Runtime.getRuntime().availableProcessors());
    private static final ForkJoinPool POOL = THREADS > 1 ? new ForkJoinPool(THREADS - 1) : null;

    private Parallel() {
    }

    /** Number of cores kernels are split over ({@code -Dfedcot.threads=N} overrides). */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body} over {@code [0, n)}, split across the cores when {@code n * costPerItem} is
     * large enough to be worth it. {@code costPerItem} is a rough count of inner-loop steps per index.
     */
    public static void forRange(int n, long costPerItem, Range body) {
        int parts = Math.min(THREADS, n);
        if (parts <= 1 || POOL == null || (long) n * costPerItem < MIN_PARALLEL_WORK
                || ForkJoinTask.inForkJoinPool()) {
            body.run(0, n);
            return;
        }
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int lo = (int) ((long) n * p / parts);
            int hi = (int) ((long) n * (p + 1) / parts);
            tasks[p - 1] = POOL.submit(() -> body.run(lo, hi));
        }
        body.run(0, (int) ((long) n / parts));
        for (ForkJoinTask<?> t : tasks) {
            t.join();
        }
    }
}
