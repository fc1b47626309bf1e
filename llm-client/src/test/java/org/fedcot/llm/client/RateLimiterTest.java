package org.fedcot.llm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rate limit's slots, on a clock only the test moves. */
class RateLimiterTest {
    @Test
    void startsAreSpacedEvenlyFromTheFirst() {
        RateLimiter limiter = new RateLimiter(300, new FakeTime(Instant.EPOCH));
        assertEquals(Duration.ZERO, limiter.reserve());
        assertEquals(Duration.ofMillis(200), limiter.reserve());
        assertEquals(Duration.ofMillis(400), limiter.reserve());
    }

    @Test
    void timeThatPassedCountsTowardsTheNextSlot() {
        FakeTime time = new FakeTime(Instant.EPOCH);
        RateLimiter limiter = new RateLimiter(60, time);
        assertEquals(Duration.ZERO, limiter.reserve());
        time.advance(Duration.ofMillis(700));
        assertEquals(Duration.ofMillis(300), limiter.reserve());
        // idle time is not saved up: after a long pause one start goes at once, the next a full interval later
        time.advance(Duration.ofMinutes(5));
        assertEquals(Duration.ZERO, limiter.reserve());
        assertEquals(Duration.ofSeconds(1), limiter.reserve());
    }

    @Test
    void noLimitNeverWaits() {
        RateLimiter limiter = new RateLimiter(0, new FakeTime(Instant.EPOCH));
        for (int i = 0; i < 5; i++) {
            assertEquals(Duration.ZERO, limiter.reserve());
        }
    }
}
