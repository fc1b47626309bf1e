package org.fedcot.models.tokenizer.llama2c;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * run.c's merge loop: while some adjacent pair's concatenation is a token scoring above -1e10,
 * replace the leftmost pair with the highest score by that token.
 *
 * <p>run.c rescans every pair after each merge (quadratic in the text's length). Here, first, the
 * sequence is cut where {@link MergeTable#separable} proves no token can ever span the cut (between
 * words, for SentencePiece vocabularies); no merge crosses a cut, so each segment merges on its own
 * exactly as it would inside the whole. Within a segment the pairs sit in a priority queue ordered by
 * score, then position, over a linked list of tokens; an entry whose tokens changed since it was
 * queued is skipped. Each step thus picks the pair run.c picks, and the result is identical.
 */
final class PairMerger {
    /** run.c's initial best_score: pairs scoring at or below it never merge. */
    private static final float NO_MERGE = -1e10f;

    private final Vocabulary vocab;
    private final MergeTable table;
    private final int[] tokens;
    private final int[] next;
    private final int[] prev;
    /** Bumped whenever a node's token changes or the node leaves the list; stale queue entries see it. */
    private final int[] version;

    private final PriorityQueue<Candidate> queue = new PriorityQueue<>();

    /** A mergeable adjacent pair as it was when queued; nodes are positions in the initial tokens. */
    private record Candidate(float score, int left, int right, int merged, int leftVersion, int rightVersion)
            implements Comparable<Candidate> {
        @Override
        public int compareTo(Candidate o) {
            // Primitive comparisons, as in C: -0.0 ties with 0.0; the leftmost pair wins a tie.
            if (score != o.score) {
                return score > o.score ? -1 : 1;
            }
            return Integer.compare(left, o.left);
        }
    }

    private PairMerger(Vocabulary vocab, MergeTable table, int[] tokens) {
        this.vocab = vocab;
        this.table = table;
        this.tokens = tokens.clone();
        this.next = new int[tokens.length];
        this.prev = new int[tokens.length];
        this.version = new int[tokens.length];
    }

    /** Merges {@code tokens} (left unchanged) as run.c does and returns the merged sequence. */
    static int[] merge(Vocabulary vocab, MergeTable table, int[] tokens) {
        return new PairMerger(vocab, table, tokens).run();
    }

    private int[] run() {
        int[] out = new int[tokens.length];
        int count = 0;
        for (int start = 0, end = 1; start < tokens.length; end++) {
            if (end == tokens.length || table.separable(tokens[end - 1], tokens[end])) {
                mergeSegment(start, end);
                // A segment's first node is never the right side of a merge: it stays the head.
                for (int i = start; i >= 0; i = next[i]) {
                    out[count++] = tokens[i];
                }
                start = end;
            }
        }
        return Arrays.copyOf(out, count);
    }

    private void mergeSegment(int start, int end) {
        for (int i = start; i < end; i++) {
            prev[i] = i - 1 >= start ? i - 1 : -1;
            next[i] = i + 1 < end ? i + 1 : -1;
        }
        for (int i = start; i + 1 < end; i++) {
            offer(i, i + 1);
        }
        for (Candidate c; (c = queue.poll()) != null; ) {
            if (next[c.left] != c.right || version[c.left] != c.leftVersion || version[c.right] != c.rightVersion) {
                continue;
            }
            tokens[c.left] = c.merged;
            version[c.left]++;
            version[c.right]++;
            next[c.left] = next[c.right];
            if (next[c.right] >= 0) {
                prev[next[c.right]] = c.left;
            }
            if (prev[c.left] >= 0) {
                offer(prev[c.left], c.left);
            }
            if (next[c.left] >= 0) {
                offer(c.left, next[c.left]);
            }
        }
    }

    private void offer(int left, int right) {
        int merged = table.merged(tokens[left], tokens[right]);
        // "score > NO_MERGE" is also false for NaN, as run.c's comparison is.
        if (merged >= 0 && vocab.score(merged) > NO_MERGE) {
            queue.add(new Candidate(vocab.score(merged), left, right, merged, version[left], version[right]));
        }
    }
}
