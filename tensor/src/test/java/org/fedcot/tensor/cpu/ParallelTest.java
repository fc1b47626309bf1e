package org.fedcot.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Parallel#forRange} over its spinning workers: every index once, the caller
 * runs the first range, nested and concurrent calls finish (serially when the workers are taken),
 * and an exception from any range reaches the caller and leaves the workers usable.
 */
class ParallelTest {
    /** Large enough per item that every call below splits when there are cores to split over. */
    private static final long COST = 1L << 20;

    @Test
    void everyIndexRunsExactlyOnceOverManyCalls() {
        for (int n = 1; n <= 40; n++) {
            for (int call = 0; call < 50; call++) {
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                Parallel.forRange(n, COST, (lo, hi) -> {
                    for (int i = lo; i < hi; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                assertAllOnce(hits);
            }
        }
    }

    @Test
    void callerRunsTheFirstRange() {
        AtomicReference<Thread> first = new AtomicReference<>();
        Parallel.forRange(8, COST, (lo, hi) -> {
            if (lo == 0) {
                first.set(Thread.currentThread());
            }
        });
        assertSame(Thread.currentThread(), first.get());
    }

    @Test
    void nestedCallsRunInsideTheirRange() {
        int outer = 6;
        int inner = 9;
        AtomicIntegerArray hits = new AtomicIntegerArray(outer * inner);
        Parallel.forRange(outer, COST, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                int row = i;
                Thread self = Thread.currentThread();
                Parallel.forRange(inner, COST, (ilo, ihi) -> {
                    assertSame(self, Thread.currentThread(), "a nested call ran on another thread");
                    for (int j = ilo; j < ihi; j++) {
                        hits.incrementAndGet(row * inner + j);
                    }
                });
            }
        });
        assertAllOnce(hits);
    }

    @Test
    void anExceptionInAnyRangeReachesTheCallerAndTheWorkersStayUsable() {
        IllegalStateException boom = new IllegalStateException("boom");
        int n = 16;
        // the last range runs on a worker whenever the call splits, on the caller otherwise
        IllegalStateException thrown = assertThrows(
                IllegalStateException.class,
                () -> Parallel.forRange(n, COST, (lo, hi) -> {
                    if (hi == n) {
                        throw boom;
                    }
                }));
        assertSame(boom, thrown);
        AssertionError callerError = assertThrows(
                AssertionError.class,
                () -> Parallel.forRange(n, COST, (lo, hi) -> {
                    if (lo == 0) {
                        throw new AssertionError("first range");
                    }
                }));
        assertEquals("first range", callerError.getMessage());

        AtomicIntegerArray hits = new AtomicIntegerArray(n);
        Parallel.forRange(n, COST, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                hits.incrementAndGet(i);
            }
        });
        assertAllOnce(hits);
    }

    @Test
    void concurrentCallersAllFinishWithEveryIndexOnce() throws Exception {
        int callers = 4;
        int n = 33;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Callable<AtomicIntegerArray>> jobs = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                jobs.add(() -> {
                    AtomicIntegerArray hits = new AtomicIntegerArray(n);
                    for (int call = 0; call < 200; call++) {
                        Parallel.forRange(n, COST, (lo, hi) -> {
                            for (int i = lo; i < hi; i++) {
                                hits.incrementAndGet(i);
                            }
                        });
                    }
                    return hits;
                });
            }
            for (Future<AtomicIntegerArray> f : pool.invokeAll(jobs)) {
                AtomicIntegerArray hits = f.get();
                for (int i = 0; i < n; i++) {
                    assertEquals(200, hits.get(i), "index " + i);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void assertAllOnce(AtomicIntegerArray hits) {
        for (int i = 0; i < hits.length(); i++) {
            assertEquals(1, hits.get(i), "index " + i + " of " + hits.length());
        }
    }
}
