package org.fedcot.models.tokenizer.hf;

import java.util.Arrays;

/**
 * Merge rank of a pair of token ids: an open-addressing map from {@code (left, right)} packed in a
 * {@code long} to the rank, so the BPE inner loop looks pairs up without boxing.
 */
final class PairRanks {
    private static final long EMPTY = -1L;
    private final long[] keys;
    private final int[] ranks;
    private final int mask;

    /** A map with room for {@code capacity} pairs at a load factor of at most one half. */
    PairRanks(int capacity) {
        int size = Integer.highestOneBit(Math.max(4, capacity) * 2 - 1) << 1;
        keys = new long[size];
        ranks = new int[size];
        mask = size - 1;
        Arrays.fill(keys, EMPTY);
    }

    /** Sets the rank of {@code (left, right)}; a later rank replaces an earlier one, as in HF. */
    void put(int left, int right, int rank) {
        long key = pack(left, right);
        int slot = slotOf(key);
        keys[slot] = key;
        ranks[slot] = rank;
    }

    /** The rank of {@code (left, right)}, or -1 when the pair does not merge. */
    int rank(int left, int right) {
        long key = pack(left, right);
        int slot = slotOf(key);
        return keys[slot] == key ? ranks[slot] : -1;
    }

    private int slotOf(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        int slot = (int) (h ^ (h >>> 32)) & mask;
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static long pack(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }
}
