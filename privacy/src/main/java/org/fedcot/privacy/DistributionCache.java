package org.fedcot.privacy;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prepared distributions by input row, least recently used evicted first once their
 * {@link OutputDistribution#bytes} exceed the budget (one entry is kept whatever its size).
 * Not thread-safe: the {@link PerturbationEngine} that owns it serialises access.
 */
final class DistributionCache {
    private final long budgetBytes;
    private final LinkedHashMap<Integer, OutputDistribution> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    DistributionCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /** The distribution of {@code row}, or null; a hit makes it the most recently used. */
    OutputDistribution get(int row) {
        return entries.get(row);
    }

    /** Adds {@code distribution} for {@code row}, then evicts down to the budget. */
    void put(int row, OutputDistribution distribution) {
        OutputDistribution old = entries.put(row, distribution);
        bytes += distribution.bytes() - (old == null ? 0 : old.bytes());
        Iterator<Map.Entry<Integer, OutputDistribution>> eldest =
                entries.entrySet().iterator();
        while (bytes > budgetBytes && entries.size() > 1) {
            bytes -= eldest.next().getValue().bytes();
            eldest.remove();
        }
    }

    /** Number of cached inputs. */
    int size() {
        return entries.size();
    }
}
