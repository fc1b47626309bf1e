package org.fedcot.llm.client;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Tells the requests of a batch to stop starting attempts, and wakes those waiting to retry. */
final class StopSignal {
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Raises the signal; it stays raised. */
    void stop() {
        stopped.countDown();
    }

    /**
     * Returns when the signal is down.
     *
     * @throws CancellationException when it is raised
     */
    void check() {
        if (stopped.getCount() == 0) {
            throw new CancellationException("batch stopped");
        }
    }

    /**
     * Waits {@code d}, or less when the signal is raised meanwhile.
     *
     * @throws CancellationException when the signal is raised
     */
    void sleep(Duration d) throws InterruptedException {
        if (d.isPositive()) {
            stopped.await(d.toNanos(), TimeUnit.NANOSECONDS);
        }
        check();
    }
}
