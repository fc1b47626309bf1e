package org.fedcot.models.tokenizer.hf;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The BPE trainer's bookkeeping: how often each adjacent pair of ids occurs in the corpus (words
 * weighted by their counts), which words hold it, and a queue that yields the most frequent pair,
 * the smallest {@code (left, right)} among equals, so training is deterministic.
 */
final class PairStatistics {
    /** Queue entries are {@code {count, pair}}; stale ones (the count has changed) are skipped. */
    private static final Comparator<long[]> BEST_FIRST =
            Comparator.<long[]>comparingLong(e -> -e[0]).thenComparingLong(e -> e[1]);

    private final Map<Long, Long> counts = new HashMap<>();
    private final Map<Long, Set<Integer>> holders = new HashMap<>();
    private final PriorityQueue<long[]> queue = new PriorityQueue<>(BEST_FIRST);
    private final Set<Long> changed = new HashSet<>();

    static long pair(int left, int right) {
        return ((long) left << 32) | right;
    }

    static int left(long pair) {
        return (int) (pair >>> 32);
    }

    static int right(long pair) {
        return (int) pair;
    }

    /** Adds {@code weight} (negative to take a word away) for each pair in {@code word[0..length)}. */
    void count(int[] word, int length, int wordIndex, long weight) {
        for (int i = 0; i + 1 < length; i++) {
            long pair = pair(word[i], word[i + 1]);
            counts.merge(pair, weight, Long::sum);
            if (weight > 0) {
                holders.computeIfAbsent(pair, p -> new HashSet<>()).add(wordIndex);
            }
            changed.add(pair);
        }
    }

    /** Queues the pairs whose counts changed since the last call. */
    void flush() {
        for (long pair : changed) {
            long count = counts.getOrDefault(pair, 0L);
            if (count > 0) {
                queue.add(new long[] {count, pair});
            }
        }
        changed.clear();
    }

    /** The most frequent pair, or -1 when no pair occurs any more. */
    long best() {
        while (!queue.isEmpty()) {
            long[] top = queue.poll();
            if (counts.getOrDefault(top[1], 0L) == top[0]) {
                return top[1];
            }
        }
        return -1;
    }

    /** The words that held {@code pair} at some point (a superset of those holding it now). */
    Set<Integer> holders(long pair) {
        return holders.getOrDefault(pair, Set.of());
    }
}
