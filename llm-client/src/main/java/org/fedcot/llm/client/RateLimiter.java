package org.fedcot.llm.client;

import java.time.Duration;

/** Spaces attempt starts evenly, {@code 60 s / requestsPerMinute} apart; with a limit of 0 nothing waits. */
final class RateLimiter {
    private final long intervalNanos;
    /** When the next attempt may start, in {@link System#nanoTime()}; guarded by this. */
    private long next = System.nanoTime();

    RateLimiter(int requestsPerMinute) {
        this.intervalNanos = requestsPerMinute == 0 ? 0 : 60_000_000_000L / requestsPerMinute;
    }

    /** Takes the next start slot and returns how long to wait for it. */
    synchronized Duration reserve() {
        if (intervalNanos == 0) return Duration.ZERO;
        long now = System.nanoTime();
        long slot = Math.max(now, next);
        next = slot + intervalNanos;
        return Duration.ofNanos(slot - now);
    }
}
