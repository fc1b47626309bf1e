package org.fedcot.models.train;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The seeded order in which training examples (or groups of them) are visited: one shuffle per epoch, the epochs laid
 * end to end, and step s taking the next {@code batchSize} examples of that stream (a batch may span
 * two epochs). The order is a pure function of (seed, epoch), so where a run stands in its data is
 * given by its step alone, which makes resuming exact without saving any random-generator state.
 *
 * <p>With length grouping (Hugging Face's {@code group_by_length}), each window of
 * {@value #GROUP_BATCHES} batches of the shuffled epoch is sorted by length, longest first, so a
 * batch holds examples of similar lengths and pads little.
 */
final class DataOrder {
    /** Batches per length-sorted window: Hugging Face's megabatch multiplier. */
    static final int GROUP_BATCHES = 50;

    private final int[] lengths;
    private final int batchSize;
    private final long seed;
    private final boolean groupByLength;
    private long cachedEpoch = -1;
    private int[] cachedOrder;

    DataOrder(int[] lengths, int batchSize, long seed, boolean groupByLength) {
        if (lengths.length == 0 || batchSize <= 0) {
            throw new IllegalArgumentException("data order needs examples and a positive batch size");
        }
        this.lengths = lengths.clone();
        this.batchSize = batchSize;
        this.seed = seed;
        this.groupByLength = groupByLength;
    }

    /** Indices of the examples of step {@code step} (0-based). */
    int[] batch(long step) {
        int[] batch = new int[batchSize];
        long position = step * batchSize;
        for (int i = 0; i < batchSize; i++, position++) {
            batch[i] = epochOrder(position / lengths.length)[(int) (position % lengths.length)];
        }
        return batch;
    }

    /** The example order of {@code epoch}; the latest is cached, since steps walk through epochs in turn. */
    private int[] epochOrder(long epoch) {
        if (epoch != cachedEpoch) {
            cachedOrder = shuffle(epoch);
            cachedEpoch = epoch;
        }
        return cachedOrder;
    }

    private int[] shuffle(long epoch) {
        int n = lengths.length;
        // a generator seeded from (seed, epoch), so epoch k's order needs no epoch before it
        SplittableRandom rng = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1)));
        int[] order = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        if (!groupByLength) {
            return order;
        }
        int window = GROUP_BATCHES * batchSize;
        Integer[] boxed = Arrays.stream(order).boxed().toArray(Integer[]::new);
        Comparator<Integer> longestFirst = Comparator.comparingInt(i -> -lengths[i]);
        for (int from = 0; from < n; from += window) {
            Arrays.sort(boxed, from, Math.min(n, from + window), longestFirst); // stable: ties stay shuffled
        }
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }
}
