package org.fedcot.llm.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A virtual clock for the client: nothing really waits, each wait asked for is recorded, and time moves only
 * when the test {@linkplain #advance advances} it. Waits do not move it themselves: with several threads
 * waiting at once, what each one asked for would then depend on which ran first, while on a clock that only
 * the test moves the rate limit's slots and a Retry-After date give the same waits on every run.
 */
final class FakeTime implements TimeSource {
    private final Instant start;
    /** Guarded by this, as is {@link #waits}. */
    private long elapsedNanos;

    private final List<Duration> waits = new ArrayList<>();

    /** A clock that reads {@code start} until advanced. */
    FakeTime(Instant start) {
        this.start = start;
    }

    @Override
    public synchronized long nanoTime() {
        return elapsedNanos;
    }

    @Override
    public synchronized Instant now() {
        return start.plusNanos(elapsedNanos);
    }

    /** Records {@code d} when positive, as the real clock would have waited it, and returns at once. */
    @Override
    public void sleep(Duration d, StopSignal stop) throws InterruptedException {
        if (d.isPositive()) {
            // a real wait is where an interrupted thread notices
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            synchronized (this) {
                waits.add(d);
            }
        }
        stop.check();
    }

    /** Moves the clock on by {@code d}. */
    synchronized void advance(Duration d) {
        elapsedNanos += d.toNanos();
    }

    /** The positive waits asked for so far, in the order they were asked. */
    synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }
}
