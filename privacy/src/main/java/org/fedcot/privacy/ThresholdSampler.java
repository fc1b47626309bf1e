package org.fedcot.privacy;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Draws, for any threshold s, an output among the rows with similarity c >= s, with probability
 * proportional to {@code exp(scale * (c - 1))} (RanText's conditional draw: the input's own
 * similarity, 1, is the largest, so no weight exceeds 1), in time that does not grow with the
 * vocabulary.
 *
 * <p>Rows are ordered once by similarity bucket, highest first (a counting sort into
 * {@link #BUCKETS} equal buckets over [-1, 1]), and each bucket's total weight is kept as a running
 * sum over the buckets. Every row of a bucket above s's bucket is a candidate and every row of a
 * bucket below is not, since the bucket index is monotone in the similarity; so a draw picks a
 * bucket by binary search over the running sums (s's own bucket counting only its members that
 * reach s), then a row inside it by a scan, recomputing those few rows' weights (with
 * {@link Math#exp}, which the bulk {@link Exponentials} match to 1 ulp). A naive draw
 * passes over the whole row twice: 0.1 ms on 50,000 words; this takes a few microseconds and keeps
 * 8 bytes a row.
 */
final class ThresholdSampler {
    /** Buckets over [-1, 1]; a bucket then holds at most a few hundred of 50,000 GloVe words. */
    static final int BUCKETS = 2048;
    /** Weights computed at once while summing the buckets. */
    private static final int WEIGHT_CHUNK = 4096;

    /** Rows in order of bucket, most similar bucket first. */
    private final int[] order;
    /** Similarity of order[p]. */
    private final float[] similarities;
    /** First position of each bucket counted from the top; start[BUCKETS] = number of rows. */
    private final int[] start = new int[BUCKETS + 1];
    /** before[j] = total weight of the buckets above bucket j (counted from the top). */
    private final double[] before = new double[BUCKETS + 1];

    private final double scale;

    ThresholdSampler(SimilarityRow row, double scale) {
        this.scale = scale;
        int n = row.size();
        for (int r = 0; r < n; r++) {
            start[fromTop(row.get(r)) + 1]++;
        }
        for (int j = 0; j < BUCKETS; j++) {
            start[j + 1] += start[j];
        }
        int[] next = start.clone();
        order = new int[n];
        similarities = new float[n];
        for (int r = 0; r < n; r++) {
            int p = next[fromTop(row.get(r))]++;
            order[p] = r;
            similarities[p] = row.get(r);
        }
        sumBuckets();
    }

    /**
     * Fills {@link #before}, the weights computed a chunk at a time: a whole row of them would be
     * 400 KB of garbage per word on 50,000 words.
     */
    private void sumBuckets() {
        double[] chunk = new double[Math.min(similarities.length, WEIGHT_CHUNK)];
        int j = 0;
        double sum = 0;
        for (int from = 0; from < similarities.length; from += chunk.length) {
            int n = Math.min(chunk.length, similarities.length - from);
            for (int i = 0; i < n; i++) {
                chunk[i] = similarities[from + i];
            }
            Exponentials.shiftedInPlace(chunk, n, 1, scale);
            for (int i = 0; i < n; i++) {
                while (from + i >= start[j + 1]) {
                    before[j + 1] = before[j] + sum;
                    sum = 0;
                    j++;
                }
                sum += chunk[i];
            }
        }
        for (; j < BUCKETS; j++) {
            before[j + 1] = before[j] + sum;
            sum = 0;
        }
    }

    /** The weight of a row of similarity {@code c}. */
    private double weight(float c) {
        return Math.exp(scale * ((double) c - 1));
    }

    /**
     * The bucket of similarity {@code s}, counted from the top (0 = most similar); monotone in s.
     * The cast truncates a non-negative number, which is its floor.
     */
    private static int fromTop(double s) {
        int bucket = (int) ((Math.clamp(s, -1, 1) + 1) * (BUCKETS / 2.0));
        return BUCKETS - 1 - Math.min(bucket, BUCKETS - 1);
    }

    /** The weight of the rows of bucket {@code j} that reach {@code s}. */
    private double partial(int j, double s) {
        double partial = 0;
        for (int p = start[j]; p < start[j + 1]; p++) {
            partial += similarities[p] >= s ? weight(similarities[p]) : 0;
        }
        return partial;
    }

    /** One output row among those with similarity >= s. */
    int sample(double s, SplittableRandom rng) {
        int j = fromTop(s);
        double partial = partial(j, s);
        double u = rng.nextDouble() * (before[j] + partial);
        if (u >= before[j]) {
            return pick(j, u - before[j], s);
        }
        // the first bucket b < j whose running sum passes u: it has positive weight
        int lo = 0;
        int hi = j - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (before[mid + 1] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return pick(lo, u - before[lo], s);
    }

    /** The row of bucket {@code j} at weight offset {@code u} among its members with similarity >= s. */
    private int pick(int j, double u, double s) {
        int last = -1;
        for (int p = start[j]; p < start[j + 1]; p++) {
            if (similarities[p] >= s) {
                last = p;
                u -= weight(similarities[p]);
                if (u < 0) {
                    break;
                }
            }
        }
        return order[last]; // after the loop without a break, rounding left u a hair above 0: the last member
    }

    /** The exact distribution {@link #sample} draws from at threshold {@code s}: weights over their total. */
    Distribution conditional(double s) {
        int end = start[fromTop(s) + 1];
        double[] dense = new double[order.length];
        double total = 0;
        for (int p = 0; p < end; p++) {
            if (similarities[p] >= s) {
                dense[order[p]] = weight(similarities[p]);
                total += dense[order[p]];
            }
        }
        for (int r = 0; r < dense.length; r++) {
            dense[r] /= total;
        }
        return Distribution.ofDense(dense);
    }

    /**
     * The mean of the exact distributions at {@code draws} thresholds from {@code thresholds}, by
     * row: every weight computed once, then one pass per threshold.
     */
    double[] meanConditional(DoubleSupplier thresholds, int draws) {
        double[] w = new double[similarities.length];
        for (int p = 0; p < w.length; p++) {
            w[p] = similarities[p];
        }
        Exponentials.shiftedInPlace(w, 1, scale);
        double[] mean = new double[order.length];
        for (int t = 0; t < draws; t++) {
            double s = thresholds.getAsDouble();
            int end = start[fromTop(s) + 1];
            double total = 0;
            for (int p = 0; p < end; p++) {
                total += similarities[p] >= s ? w[p] : 0;
            }
            for (int p = 0; p < end; p++) {
                if (similarities[p] >= s) {
                    mean[order[p]] += w[p] / total / draws;
                }
            }
        }
        return mean;
    }

    /** Rough heap footprint. */
    long bytes() {
        return 8L * order.length + 12L * BUCKETS + 64;
    }
}
