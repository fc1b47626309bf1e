package org.fedcot.tensor.cpu;

import java.util.concurrent.ForkJoinTask;

/**
 * Splits a kernel's parallel index {@code [0, n)} into one contiguous range per core. The calling
 * thread runs the first range itself. Calls made from inside a range run serially, so kernels may
 * nest (attention over heads calling a matmul) without oversubscribing or deadlocking; so does a
 * call made while another thread has the workers.
 *
 * <p>Decoding a token runs some fifty small kernels back to back, so the hand-off must cost a few
 * microseconds, not the tens that waking a parked thread takes: the workers of a {@link SpinningCrew}
 * spin a little while for the next call before they park ({@code -Dfedcot.spinMicros=N}, default 100;
 * 0 for a machine whose cores are all busy with other work).
 */
public final class Parallel {
    /** The body of a kernel over the sub-range {@code [lo, hi)} of its parallel index. */
    @FunctionalInterface
    public interface Range {
        void run(int lo, int hi);
    }

    /** Below this much work (items x cost) a split costs more than it saves. */
    private static final long MIN_PARALLEL_WORK = 1L << 15;

    private static final int THREADS =
            Integer.getInteger("fedcot.threads", Runtime.getRuntime().availableProcessors());
    private static final SpinningCrew CREW = THREADS > 1 ? new SpinningCrew(THREADS - 1) : null;

    private Parallel() {}

    /** Number of cores kernels are split over ({@code -Dfedcot.threads=N} overrides). */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body} over {@code [0, n)}, split across the cores when {@code n * costPerItem} is
     * large enough to be worth it. {@code costPerItem} is a rough count of inner-loop steps per index.
     * An exception thrown by any range is rethrown here once every range has stopped.
     */
    public static void forRange(int n, long costPerItem, Range body) {
        int parts = Math.min(THREADS, n);
        // a thread of a fork/join pool (a parallel stream) is already one of several sharing the cores
        if (parts <= 1
                || CREW == null
                || (long) n * costPerItem < MIN_PARALLEL_WORK
                || ForkJoinTask.inForkJoinPool()
                || !CREW.tryRun(n, parts, body)) {
            body.run(0, n);
        }
    }
}
