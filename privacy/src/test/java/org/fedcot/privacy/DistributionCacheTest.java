package org.fedcot.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The cache keeps the most recently used distributions within its byte budget. */
class DistributionCacheTest {
    private static OutputDistribution sized(long bytes) {
        return new OutputDistribution() {
            @Override
            public int sample(SplittableRandom rng) {
                return 0;
            }

            @Override
            public Distribution probabilities(SplittableRandom rng) {
                return new Distribution(new int[] {0}, new double[] {1});
            }

            @Override
            public long bytes() {
                return bytes;
            }
        };
    }

    @Test
    void evictsTheLeastRecentlyUsedBeyondTheBudget() {
        DistributionCache cache = new DistributionCache(300);
        cache.put(1, sized(100));
        cache.put(2, sized(100));
        cache.put(3, sized(100));
        assertNotNull(cache.get(1)); // 1 is now the most recent; 2 the least
        cache.put(4, sized(100));
        assertNull(cache.get(2));
        assertNotNull(cache.get(1));
        assertNotNull(cache.get(3));
        assertEquals(3, cache.size());
    }

    @Test
    void keepsOneEntryHoweverLarge() {
        DistributionCache cache = new DistributionCache(10);
        cache.put(1, sized(100));
        assertNotNull(cache.get(1));
        cache.put(2, sized(100));
        assertNull(cache.get(1));
        assertEquals(1, cache.size());
    }
}
