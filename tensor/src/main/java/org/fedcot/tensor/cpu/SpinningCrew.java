package org.fedcot.tensor.cpu;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Worker threads for {@link Parallel}, one call at a time. Like OpenMP's threads, an idle worker
 * spins for {@link #SPIN_NANOS} before it parks, so a call that follows the last one closely reaches
 * it in a few microseconds instead of the tens that waking a parked thread costs; the caller spins
 * the same way while it waits for the workers to finish.
 *
 * <p>Spinning only pays while each thread has a core to itself. A spinning thread that finds it lost
 * its core for a while (other programs want the cores) stops, and every wait parks at once for
 * {@link #BACK_OFF_NANOS}, so on a crowded machine the crew behaves like a plain thread pool.
 */
final class SpinningCrew {
    /**
     * How long a waiting thread spins before it parks: longer than the gap between two kernels of a
     * decoding step, short enough that a finished burst of work soon stops burning a core.
     * {@code -Dfedcot.spinMicros=0} parks at once (a machine whose cores are all taken anyway).
     */
    private static final long SPIN_NANOS = 1000L * Integer.getInteger("fedcot.spinMicros", 100);
    /** Pause instructions before a spinning thread starts yielding instead (a few microseconds). */
    private static final int YIELD_AFTER_SPINS = 256;
    /** Spins between two reads of the clock. */
    private static final int SPINS_PER_CLOCK_READ = 64;
    /**
     * A gap this long between two clock reads of a spin (microseconds apart) means the thread lost its
     * core for a time slice, not just to an interrupt.
     */
    private static final long PREEMPTED_NANOS = 1_000_000;
    /** How long waits park without spinning after a spinning thread lost its core. */
    private static final long BACK_OFF_NANOS = 20_000_000;

    /**
     * Call number {@code seq}: the caller runs part 0, and parts 1 to {@code parts - 1} go to whoever
     * claims them first from {@code next}, a worker or the caller once its own part is done. A part
     * always covers the same indices, whoever runs it.
     */
    private record Job(long seq, Parallel.Range body, int n, int parts, Thread caller, AtomicInteger next) {
        /** Claims and runs parts until none is left; returns how many this thread ran. */
        int runParts(AtomicReference<Throwable> failure) {
            int ran = 0;
            for (int p = next.getAndIncrement(); p < parts; p = next.getAndIncrement()) {
                try {
                    body.run(part(n, parts, p - 1), part(n, parts, p));
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
                ran++;
            }
            return ran;
        }
    }

    private final Worker[] workers;
    /** Taken by the call that has the workers; another call (or a nested one) runs serially. */
    private final AtomicBoolean busy = new AtomicBoolean();
    /** Parts of the current job beyond the caller's own that are not finished yet. */
    private final AtomicInteger running = new AtomicInteger();

    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** The call in progress, null between calls so that no finished kernel's arrays stay reachable. */
    private volatile Job job;

    private long calls;
    private volatile boolean callerParked;
    /** {@link System#nanoTime} before which waits do not spin. */
    private volatile long spinAgainAt = System.nanoTime();

    SpinningCrew(int workerCount) {
        workers = new Worker[workerCount];
        for (int i = 0; i < workerCount; i++) {
            workers[i] = new Worker(i);
            workers[i].start();
        }
    }

    /**
     * Runs {@code body} over {@code [0, n)} in {@code parts} ranges (at most one more than there are
     * workers), the first on this thread; false, running nothing, when another call has the workers.
     */
    boolean tryRun(int n, int parts, Parallel.Range body) {
        if (!busy.compareAndSet(false, true)) {
            return false;
        }
        try {
            failure.set(null);
            running.set(parts - 1);
            Job j = new Job(++calls, body, n, parts, Thread.currentThread(), new AtomicInteger(1));
            job = j;
            for (int i = 0; i < parts - 1; i++) {
                if (workers[i].parked) {
                    LockSupport.unpark(workers[i]);
                }
            }
            try {
                body.run(0, part(n, parts, 0));
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
            // parts no worker has started yet (a worker without a core) run here, as a fork/join pool's join would
            running.addAndGet(-j.runParts(failure));
            awaitWorkers();
            job = null;
            rethrow(failure.get());
            return true;
        } finally {
            busy.set(false);
        }
    }

    private void awaitWorkers() {
        if (!spin(() -> running.get() == 0)) {
            // the worker that brings running to zero unparks us once it sees this flag
            callerParked = true;
            while (running.get() != 0) {
                LockSupport.park(this);
            }
            callerParked = false;
        }
    }

    /**
     * Spins until {@code ready} holds, for at most {@link #SPIN_NANOS}; true if it does. Returns
     * false at once during a back-off, and starts one when the spinning thread lost its core.
     */
    private boolean spin(BooleanSupplier ready) {
        long start = System.nanoTime();
        if (start - spinAgainAt < 0) {
            return ready.getAsBoolean();
        }
        long lastRead = start;
        for (int spins = 1; ; spins++) {
            if (ready.getAsBoolean()) {
                return true;
            }
            if (spins % SPINS_PER_CLOCK_READ != 0) {
                pause(spins);
                continue;
            }
            long now = System.nanoTime();
            if (now - lastRead > PREEMPTED_NANOS) {
                spinAgainAt = now + BACK_OFF_NANOS;
                return false;
            }
            if (now - start > SPIN_NANOS) {
                return false;
            }
            lastRead = now;
        }
    }

    /**
     * One step of a spin: a pause instruction at first; later a yield, so that on a machine with more
     * runnable threads than cores the spinning thread lends its core to one that has work.
     */
    private static void pause(int spins) {
        if (spins < YIELD_AFTER_SPINS) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    private static void rethrow(Throwable t) {
        if (t == null) {
            return;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("a parallel kernel failed", t);
    }

    /** End of range {@code p} of {@code parts} over {@code [0, n)}; range p starts where p - 1 ends. */
    private static int part(int n, int parts, int p) {
        return (int) ((long) n * (p + 1) / parts);
    }

    private final class Worker extends Thread {
        volatile boolean parked;

        Worker(int index) {
            super("fedcot-parallel-" + (index + 1));
            setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                Job j = awaitJob(seen);
                seen = j.seq();
                int ran = j.runParts(failure);
                if (ran > 0 && running.addAndGet(-ran) == 0 && callerParked) {
                    LockSupport.unpark(j.caller());
                }
            }
        }

        /** A job after call {@code seen}: spins a while, then parks until a caller unparks it. */
        private Job awaitJob(long seen) {
            while (true) {
                Job j = job;
                if (isNew(j, seen)) {
                    return j;
                }
                if (spin(() -> isNew(job, seen))) {
                    continue;
                }
                // a caller that publishes a job after this write sees it and unparks us
                parked = true;
                if (!isNew(job, seen)) {
                    LockSupport.park(this);
                }
                parked = false;
            }
        }

        private static boolean isNew(Job j, long seen) {
            return j != null && j.seq() != seen;
        }
    }
}
