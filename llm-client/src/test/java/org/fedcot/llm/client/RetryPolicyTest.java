package org.fedcot.llm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Backoff with jitter, Retry-After and its cap, and reading the Retry-After header. */
class RetryPolicyTest {
    private static final RetryPolicy POLICY =
            new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void backoffDoublesWithinEqualJitterUpToTheCap() {
        SplittableRandom random = new SplittableRandom(1);
        long[] base = {100, 200, 400, 800, 1000, 1000};
        for (int retry = 1; retry <= base.length; retry++) {
            for (int i = 0; i < 200; i++) {
                long ms = POLICY.backoff(retry, random).toMillis();
                assertTrue(ms >= base[retry - 1] / 2 && ms <= base[retry - 1], "retry " + retry + ": " + ms + " ms");
            }
        }
        long capped = new RetryPolicy(100, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ZERO)
                .backoff(99, new SplittableRandom(2))
                .toMillis();
        assertTrue(capped >= 1000 && capped <= 2000, "huge retry counts stay at the cap: " + capped + " ms");
    }

    @Test
    void jitterSpreadsRetries() {
        SplittableRandom random = new SplittableRandom(3);
        long distinct = IntStream.range(0, 50)
                .mapToObj(i -> POLICY.backoff(3, random))
                .distinct()
                .count();
        assertTrue(distinct > 40, distinct + " distinct delays of 50");
    }

    @Test
    void retryAfterWinsUpToItsCap() {
        SplittableRandom random = new SplittableRandom(4);
        assertEquals(Duration.ofSeconds(7), POLICY.delay(1, Optional.of(Duration.ofSeconds(7)), random));
        assertEquals(Duration.ofSeconds(30), POLICY.delay(1, Optional.of(Duration.ofHours(1)), random));
        assertTrue(POLICY.delay(2, Optional.empty(), random).toMillis() <= 200);
    }

    @Test
    void invalidPoliciesAreRefused() {
        assertThrows(
                IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO));
    }

    @Test
    void retryAfterHeaderInSecondsOrAsADate() {
        Instant now = Instant.parse("2026-10-21T07:28:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse("120", now));
        assertEquals(Optional.of(Duration.ofMillis(1500)), RetryAfter.parse(" 1.5 ", now));
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse("Wed, 21 Oct 2026 07:28:30 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Wed, 21 Oct 2026 07:27:00 GMT", now));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", now));
        assertEquals(Optional.empty(), RetryAfter.parse("-5", now));
        assertEquals(Optional.empty(), RetryAfter.parse(null, now));
    }
}
