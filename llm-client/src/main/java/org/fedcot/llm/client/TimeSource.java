package org.fedcot.llm.client;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock an {@link LlmClient} reads and waits on: for the rate limit's spacing, the backoff and Retry-After
 * waits between attempts, and the "now" that a Retry-After date is measured from. Production uses
 * {@link #SYSTEM}; tests give a virtual one so that they assert the waits asked for instead of timing them.
 * HTTP connect and request timeouts are the HTTP client's own and stay on real time.
 */
interface TimeSource {
    /** Real time: {@link System#nanoTime()}, {@link Instant#now()}, and waits on the stop signal itself. */
    TimeSource SYSTEM = new TimeSource() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration d, StopSignal stop) throws InterruptedException {
            stop.sleep(d);
        }
    };

    /** A monotonic reading in nanoseconds, only meaningful as a difference to another. */
    long nanoTime();

    /** The wall-clock time. */
    Instant now();

    /**
     * Waits {@code d} (nothing when it is not positive), or less when {@code stop} is raised meanwhile.
     *
     * @throws java.util.concurrent.CancellationException when {@code stop} is raised
     * @throws InterruptedException                       when the thread is interrupted while waiting
     */
    void sleep(Duration d, StopSignal stop) throws InterruptedException;
}
