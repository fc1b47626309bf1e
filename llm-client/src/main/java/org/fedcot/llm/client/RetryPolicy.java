package org.fedcot.llm.client;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently a request is retried after a 408, 409, 429, 5xx, connection error, timeout or
 * malformed body. Backoff doubles from {@code initialBackoff} up to {@code maxBackoff}, with "equal jitter" (a
 * random half of it) so that clients that failed together do not retry together; a server's Retry-After is
 * waited instead, up to {@code maxRetryAfter}.
 *
 * @param maxAttempts    attempts in all, the first included; 1 retries nothing
 * @param initialBackoff the backoff before the first retry (before jitter)
 * @param maxBackoff     the largest backoff (before jitter)
 * @param maxRetryAfter  the longest Retry-After honoured; longer ones are cut to it
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
    /** Six attempts, backoff 1 s doubling to 60 s, Retry-After up to 5 minutes. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts " + maxAttempts + " < 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("retry delays must satisfy 0 <= initialBackoff <= maxBackoff and "
                    + "maxRetryAfter >= 0, not " + initialBackoff + ", " + maxBackoff + ", " + maxRetryAfter);
        }
    }

    /**
     * The wait before retry number {@code retry} (1 for the second attempt): the server's {@code retryAfter}
     * when it gave one (cut to {@code maxRetryAfter}), otherwise the jittered exponential backoff.
     */
    public Duration delay(int retry, Optional<Duration> retryAfter, RandomGenerator random) {
        if (retryAfter.isPresent()) {
            Duration d = retryAfter.get();
            return d.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : d;
        }
        return backoff(retry, random);
    }

    /** The jittered backoff before retry number {@code retry}: uniform in [b/2, b], b = min(initial * 2^(retry-1), max). */
    public Duration backoff(int retry, RandomGenerator random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry " + retry + " < 1");
        }
        long initial = initialBackoff.toNanos();
        long max = maxBackoff.toNanos();
        // shift only while it cannot overflow; beyond that the cap applies anyway
        long b = retry - 1 >= Long.numberOfLeadingZeros(Math.max(initial, 1)) - 1
                ? max
                : Math.min(initial << (retry - 1), max);
        long half = b / 2;
        return Duration.ofNanos(half + random.nextLong(b - half + 1));
    }
}
