package org.fedcot.llm.client;

import java.time.Duration;

/** Spaces attempt starts evenly, {@code 60 s / requestsPerMinute} apart; with a limit of 0 nothing waits. */
final class RateLimiter {
    private final TimeSource time;
    private final long intervalNanos;
    /** When the next attempt may start, in {@link TimeSource#nanoTime()}; guarded by this. */
    private long next;

    RateLimiter(int requestsPerMinute, TimeSource time) {
        this.time = time;
        this.intervalNanos = requestsPerMinute == 0 ? 0 : 60_000_000_000L / requestsPerMinute;
        this.next = time.nanoTime();
    }

    /** Takes the next start slot and returns how long to wait for it. */
    synchronized Duration reserve() {
        if (intervalNanos == 0) {
            return Duration.ZERO;
        }
        long now = time.nanoTime();
        long slot = Math.max(now, next);
        next = slot + intervalNanos;
        return Duration.ofNanos(slot - now);
    }
}
