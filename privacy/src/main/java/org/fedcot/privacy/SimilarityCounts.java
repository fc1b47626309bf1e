package org.fedcot.privacy;

import org.fedcot.tensor.cpu.Parallel;

/**
 * For every row x of an {@link EmbeddingTable}, how many other rows fall into each of {@link #BUCKETS} equal
 * similarity buckets over [-1, 1]: enough to bound from below, for any eps, RanText's normaliser
 * {@code W_x(s) = sum over rows r with cos(x, r) >= s of exp(eps / 2 * (cos(x, r) - 1))} without x's similarity
 * row, so that an attack can skip an original whose likelihoods cannot matter. Made by one pass of
 * similarity products over the vocabulary, independent of eps ({@code V x 64} counts, 12.6 MB on GloVe-50k).
 */
final class SimilarityCounts {
    /** Buckets over [-1, 1], each 1/32 wide. */
    static final int BUCKETS = 64;

    /**
     * Taken off a bucket's lower edge before it weighs a row: a float similarity rounded into a bucket may lie a
     * hair below the edge, and a bound must hold for it too.
     */
    private static final double EDGE_MARGIN = 1e-6;

    private final int size;
    /** [V, BUCKETS]: counts[x * BUCKETS + b], x itself not counted. */
    private final int[] counts;

    private SimilarityCounts(int size, int[] counts) {
        this.size = size;
        this.counts = counts;
    }

    /** Counts every row's similarities: one sweep of similarity products over the table. */
    static SimilarityCounts of(EmbeddingTable table) {
        int v = table.size();
        int[] counts = new int[Math.multiplyExact(v, BUCKETS)];
        int[] all = new int[v];
        for (int x = 0; x < v; x++) {
            all[x] = x;
        }
        CosineRows cosines = new CosineRows(table);
        float[] block = new float[CosineRows.MAX_BLOCK * v];
        for (int from = 0; from < v; from += CosineRows.MAX_BLOCK) {
            int count = Math.min(CosineRows.MAX_BLOCK, v - from);
            cosines.block(all, from, count, block);
            int start = from;
            Parallel.forRange(count, v, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    int base = (start + i) * BUCKETS;
                    for (int r = 0, at = i * v; r < v; r++, at++) {
                        counts[base + bucket(block[at])]++;
                    }
                    counts[base + bucket(1)]--; // x itself, whose similarity is exactly 1
                }
            });
        }
        return new SimilarityCounts(v, counts);
    }

    /** The bucket of similarity {@code c}, monotone in c: a row in a higher bucket than s has c > s. */
    static int bucket(double c) {
        return Math.min((int) ((Math.clamp(c, -1, 1) + 1) * (BUCKETS / 2.0)), BUCKETS - 1);
    }

    /**
     * Lower bounds of W_x(s) by s's bucket at weight scale {@code scale} (eps / 2): {@code bound[b]} is 1 (x
     * itself) plus, for every row of a bucket above b, the weight of that bucket's lower edge.
     */
    double[] normaliserBounds(int x, double scale) {
        if (x < 0 || x >= size) {
            throw new IndexOutOfBoundsException("row " + x + " of " + size);
        }
        double[] bound = new double[BUCKETS];
        double above = 1;
        for (int b = BUCKETS - 1; b >= 0; b--) {
            bound[b] = above;
            double edge = b * (2.0 / BUCKETS) - 1 - EDGE_MARGIN;
            above += counts[x * BUCKETS + b] * Math.exp(scale * (edge - 1));
        }
        return bound;
    }
}
