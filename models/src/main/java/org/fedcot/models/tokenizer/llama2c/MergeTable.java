package org.fedcot.models.tokenizer.llama2c;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Which token two adjacent tokens merge into: run.c's {@code str_lookup(vocab[a] + vocab[b])},
 * precomputed so that the merge loop compares ints instead of building and hashing strings; and
 * where a sequence can be cut because no merge can ever cross the cut.
 *
 * <p>Every token whose concatenation could be looked up is found by splitting each piece at every
 * position: {@code a + b == t} exactly when {@code a} and {@code b} are the two halves of {@code t}
 * at some split (a pair has at most one such {@code t}). Pairs are stored per left token, sorted by
 * right token (compressed rows), and looked up by binary search.
 */
final class MergeTable {
    private final Vocabulary vocab;
    /** Each id's representative: the first id with the same bytes, which is what a string lookup sees. */
    private final int[] canonical;

    private final int[] rowStart;
    private final int[] right;
    private final int[] merged;
    /** Bit {@code x * 256 + y} set when byte y follows byte x somewhere inside a piece. */
    private final BitSet innerBigrams = new BitSet(256 * 256);

    MergeTable(Vocabulary vocab) {
        this.vocab = vocab;
        int n = vocab.size();
        canonical = new int[n];
        for (int id = 0; id < n; id++) {
            canonical[id] = vocab.id(vocab.piece(id));
        }
        for (int t = 0; t < n; t++) {
            String piece = vocab.piece(t);
            for (int k = 1; k < piece.length(); k++) {
                innerBigrams.set(piece.charAt(k - 1) * 256 + piece.charAt(k));
            }
        }
        // Every split "a | b" of a piece t (duplicates skipped: lookups only ever return the first id).
        int[] lefts = new int[4 * n];
        long[] entries = new long[4 * n]; // (right << 32) | merged, so sorting a row sorts by right
        int count = 0;
        for (int t = 0; t < n; t++) {
            if (canonical[t] != t) {
                continue;
            }
            String piece = vocab.piece(t);
            for (int k = 0; k <= piece.length(); k++) {
                int a = vocab.id(piece.substring(0, k));
                int b = vocab.id(piece.substring(k));
                if (a >= 0 && b >= 0) {
                    if (count == lefts.length) {
                        lefts = Arrays.copyOf(lefts, 2 * count);
                        entries = Arrays.copyOf(entries, 2 * count);
                    }
                    lefts[count] = a;
                    entries[count++] = ((long) b << 32) | t;
                }
            }
        }
        // Bucket by left token (counting sort), then sort each row by right token.
        rowStart = new int[n + 1];
        for (int k = 0; k < count; k++) {
            rowStart[lefts[k] + 1]++;
        }
        Arrays.parallelPrefix(rowStart, Integer::sum);
        long[] rows = new long[count];
        int[] fill = Arrays.copyOf(rowStart, n);
        for (int k = 0; k < count; k++) {
            rows[fill[lefts[k]]++] = entries[k];
        }
        right = new int[count];
        merged = new int[count];
        for (int a = 0; a < n; a++) {
            Arrays.sort(rows, rowStart[a], rowStart[a + 1]);
        }
        for (int k = 0; k < count; k++) {
            right[k] = (int) (rows[k] >>> 32);
            merged[k] = (int) rows[k];
        }
    }

    /**
     * Whether no merge can ever join anything across the boundary between these two adjacent tokens.
     * A merged piece is the concatenation of the pieces it joins, so a token spanning the boundary
     * would hold the left piece's last byte followed by the right piece's first byte; when no piece
     * holds that byte pair, no such token exists.
     */
    boolean separable(int leftId, int rightId) {
        String left = vocab.piece(leftId);
        String right = vocab.piece(rightId);
        return !left.isEmpty()
                && !right.isEmpty()
                && !innerBigrams.get(left.charAt(left.length() - 1) * 256 + right.charAt(0));
    }

    /** The id run.c's lookup finds for the two tokens' concatenated bytes, or -1. */
    int merged(int leftId, int rightId) {
        int row = canonical[leftId];
        int at = Arrays.binarySearch(right, rowStart[row], rowStart[row + 1], canonical[rightId]);
        return at >= 0 ? merged[at] : -1;
    }
}
