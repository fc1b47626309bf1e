package org.fedcot.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The seeded data order: a permutation per epoch, reproducible from the step alone, optionally length-grouped. */
class DataOrderTest {
    private static final int[] LENGTHS =
            IntStream.range(0, 10).map(i -> 1 + (i * 7) % 10).toArray();

    @Test
    void everyEpochVisitsEachExampleOnceAndBatchesRunAcrossEpochs() {
        DataOrder order = new DataOrder(LENGTHS, 4, 1, false);
        int[] stream = IntStream.range(0, 5)
                .flatMap(s -> Arrays.stream(order.batch(s)))
                .toArray(); // 2 epochs
        for (int epoch = 0; epoch < 2; epoch++) {
            int[] seen = Arrays.copyOfRange(stream, epoch * 10, epoch * 10 + 10);
            Arrays.sort(seen);
            assertArrayEquals(IntStream.range(0, 10).toArray(), seen, "epoch " + epoch);
        }
        assertFalse(
                Arrays.equals(Arrays.copyOfRange(stream, 0, 10), Arrays.copyOfRange(stream, 10, 20)),
                "each epoch is shuffled anew");
    }

    @Test
    void theOrderDependsOnlyOnTheSeedAndTheStep() {
        DataOrder a = new DataOrder(LENGTHS, 3, 7, false);
        DataOrder b = new DataOrder(LENGTHS, 3, 7, false);
        int[] late = a.batch(9);
        for (int s = 0; s < 9; s++) {
            a.batch(s); // a walks through the earlier steps; b jumps straight to step 9
        }
        assertArrayEquals(late, b.batch(9));
        assertArrayEquals(a.batch(9), late);
        assertFalse(
                Arrays.equals(
                        new DataOrder(LENGTHS, 10, 8, false).batch(0), new DataOrder(LENGTHS, 10, 7, false).batch(0)),
                "another seed, another order");
    }

    @Test
    void lengthGroupingSortsEachWindowLongestFirst() {
        int n = 2 * DataOrder.GROUP_BATCHES * 2 + 3; // two full windows of batches of 2 and a partial one
        int[] lengths = IntStream.range(0, n).map(i -> (i * 37) % 50 + 1).toArray();
        DataOrder order = new DataOrder(lengths, 2, 3, true);
        int[] epoch = IntStream.range(0, n / 2)
                .flatMap(s -> Arrays.stream(order.batch(s)))
                .toArray();
        int window = DataOrder.GROUP_BATCHES * 2;
        for (int i = 1; i < epoch.length; i++) {
            if (i % window != 0) {
                assertTrue(lengths[epoch[i - 1]] >= lengths[epoch[i]], "sorted within the window at " + i);
            }
        }
        assertEquals(n / 2 * 2, Arrays.stream(epoch).distinct().count());
    }
}
